package br.agendador.opendata;

import java.time.LocalDate;
import java.util.Arrays;

/**
 * Rows in PostgreSQL's binary COPY format, built field by field straight from the characters the
 * CSV parser hands over (no String per field), ready to be sent with pgjdbc's {@code CopyIn}.
 * Binary rather than text COPY: the server reads dates, codes and numbers without parsing them,
 * which is most of its work per row.
 *
 * <p>A row under construction can be dropped (a line found bad at its last field); rows are only
 * ever flushed whole. Each value's text is read as the dump means it ({@link FieldType}); a value
 * that cannot be read throws {@link BadField} with a reason for the rejected-lines report.
 */
final class CopyRows {

    /** {@code PGCOPY\n\377\r\n\0}, flags, header extension length. */
    private static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0};
    private static final long POSTGRES_EPOCH_DAY = LocalDate.of(2000, 1, 1).toEpochDay();
    private static final int INT4_OID = 23;
    private static final int NUMERIC_POSITIVE = 0x0000;
    private static final int NUMERIC_NEGATIVE = 0x4000;

    private byte[] buffer = new byte[1 << 20];
    private int size;
    private int rowStart = -1;
    private final char[] cnpj = new char[14];
    private int cnpjLength;
    private final long[] scratch = new long[64];

    CopyRows() {
        System.arraycopy(HEADER, 0, buffer, 0, HEADER.length);
        size = HEADER.length;
    }

    byte[] buffer() {
        return buffer;
    }

    int size() {
        return size;
    }

    /** Everything before the row under construction has been sent. */
    void flushed() {
        if (rowStart >= 0) {
            int pending = size - rowStart;
            System.arraycopy(buffer, rowStart, buffer, 0, pending);
            rowStart = 0;
            size = pending;
        } else {
            size = 0;
        }
    }

    void beginRow(int columns) {
        rowStart = size;
        cnpjLength = 0;
        ensure(2);
        putShort(columns);
    }

    void endRow() {
        rowStart = -1;
    }

    void dropRow() {
        if (rowStart >= 0) {
            size = rowStart;
            rowStart = -1;
        }
    }

    /** The file trailer: a field count of -1 (after dropping a row the parser began at the end of its input). */
    void finish() {
        dropRow();
        ensure(2);
        putShort(-1);
    }

    void write(FieldType type, char[] chars, int offset, int length) {
        switch (type) {
            case TEXT -> text(chars, offset, length);
            case CODE -> code(chars, offset, length, Short.MAX_VALUE);
            case LONG_CODE -> code(chars, offset, length, Integer.MAX_VALUE);
            case DATE -> date(chars, offset, length);
            case FLAG -> flag(chars, offset, length);
            case MONEY -> money(chars, offset, length);
            case CODE_LIST -> codeList(chars, offset, length);
            case CEP -> cep(chars, offset, length);
            case CNPJ_ROOT -> {
                cnpjPart(chars, offset, length, 8);
                textValue(cnpj, 0, cnpjLength);
            }
            case CNPJ_ROOT_PART -> cnpjPart(chars, offset, length, 8);
            case CNPJ_ORDER_PART -> cnpjPart(chars, offset, length, 4);
            case CNPJ_DIGITS_PART -> {
                cnpjPart(chars, offset, length, 2);
                if (cnpjLength != 14) {
                    throw new BadField("the CNPJ's parts make " + cnpjLength + " characters, not 14");
                }
                textValue(cnpj, 0, cnpjLength);
            }
        }
    }

    // --- values -----------------------------------------------------------------------------

    private void nullValue() {
        ensure(4);
        putInt(-1);
    }

    /** Spaces (and the control characters the reader turned into spaces) collapsed and trimmed; empty is null. */
    private void text(char[] chars, int offset, int length) {
        ensure(4 + length * 3);
        int lengthAt = size;
        size += 4;
        int bytesStart = size;
        boolean pendingSpace = false;
        for (int i = offset, end = offset + length; i < end; i++) {
            char c = chars[i];
            if (c <= ' ') {
                pendingSpace = size > bytesStart;
                continue;
            }
            if (pendingSpace) {
                buffer[size++] = ' ';
                pendingSpace = false;
            }
            putUtf8(c);
        }
        int written = size - bytesStart;
        if (written == 0) {
            size = lengthAt;
            nullValue();
        } else {
            putIntAt(lengthAt, written);
        }
    }

    /** Text already clean (a CNPJ). */
    private void textValue(char[] chars, int offset, int length) {
        ensure(4 + length);
        putInt(length);
        for (int i = offset; i < offset + length; i++) {
            buffer[size++] = (byte) chars[i];
        }
    }

    private void code(char[] chars, int offset, int length, int max) {
        long value = -1;
        for (int i = offset, end = offset + length; i < end; i++) {
            char c = chars[i];
            if (c >= '0' && c <= '9') {
                value = (value < 0 ? 0 : value * 10) + (c - '0');
                if (value > max) {
                    throw new BadField("'" + new String(chars, offset, length).strip() + "' is too large for a code");
                }
            } else if (c > ' ') {
                throw new BadField("'" + new String(chars, offset, length).strip() + "' is not a numeric code");
            }
        }
        if (value < 0) {
            nullValue();
        } else if (max == Short.MAX_VALUE) {
            ensure(6);
            putInt(2);
            putShort((int) value);
        } else {
            ensure(8);
            putInt(4);
            putInt((int) value);
        }
    }

    private void date(char[] chars, int offset, int length) {
        int digits = 0;
        int year = 0;
        int month = 0;
        int day = 0;
        for (int i = offset, end = offset + length; i < end; i++) {
            char c = chars[i];
            if (c >= '0' && c <= '9') {
                int d = c - '0';
                if (digits < 4) {
                    year = year * 10 + d;
                } else if (digits < 6) {
                    month = month * 10 + d;
                } else if (digits < 8) {
                    day = day * 10 + d;
                }
                digits++;
            } else if (c > ' ') {
                nullValue(); // not a date at all: unknown, as the layout's 0 and 00000000 are
                return;
            }
        }
        if (digits != 8 || year < 1000 || month < 1 || month > 12 || day < 1 || day > lengthOfMonth(year, month)) {
            nullValue();
            return;
        }
        ensure(8);
        putInt(4);
        putInt((int) (LocalDate.of(year, month, day).toEpochDay() - POSTGRES_EPOCH_DAY));
    }

    private void flag(char[] chars, int offset, int length) {
        int value = -1;
        for (int i = offset, end = offset + length; i < end; i++) {
            char c = chars[i];
            if (c > ' ') {
                if (value != -1) {
                    value = -2;
                    break;
                }
                value = c == 'S' || c == 's' ? 1 : c == 'N' || c == 'n' ? 0 : -2;
            }
        }
        if (value < 0) {
            nullValue();
        } else {
            ensure(5);
            putInt(1);
            buffer[size++] = (byte) value;
        }
    }

    /**
     * {@code 10000,00}, {@code 1.234,56}, {@code 0,00}; a dot is a thousands separator, except in a
     * number with no comma whose last dot is not followed by exactly three digits ({@code 1500.5}).
     */
    private void money(char[] chars, int offset, int length) {
        int start = offset;
        int end = offset + length;
        while (start < end && chars[start] <= ' ') {
            start++;
        }
        while (end > start && chars[end - 1] <= ' ') {
            end--;
        }
        if (start == end) {
            nullValue();
            return;
        }
        boolean negative = chars[start] == '-';
        if (negative) {
            start++;
        }
        int comma = -1;
        int lastDot = -1;
        for (int i = start; i < end; i++) {
            char c = chars[i];
            if (c == ',') {
                if (comma >= 0) {
                    throw new BadField("'" + new String(chars, offset, length).strip() + "' is not an amount");
                }
                comma = i;
            } else if (c == '.') {
                lastDot = i;
            } else if (c < '0' || c > '9') {
                throw new BadField("'" + new String(chars, offset, length).strip() + "' is not an amount");
            }
        }
        int decimalPoint = comma >= 0 ? comma : lastDot >= 0 && end - lastDot - 1 != 3 ? lastDot : -1;
        StringBuilder integer = new StringBuilder(20);
        StringBuilder fraction = new StringBuilder(4);
        for (int i = start; i < end; i++) {
            char c = chars[i];
            if (c >= '0' && c <= '9') {
                (decimalPoint >= 0 && i > decimalPoint ? fraction : integer).append(c);
            }
        }
        numeric(negative, integer, fraction);
    }

    /** PostgreSQL's binary numeric: base-10000 digits, a weight, a sign and the display scale. */
    private void numeric(boolean negative, StringBuilder integer, StringBuilder fraction) {
        int leading = 0;
        while (leading < integer.length() - 1 && integer.charAt(leading) == '0') {
            leading++;
        }
        String whole = integer.isEmpty() ? "0" : integer.substring(leading);
        int scale = fraction.length();
        // integer part in groups of four from the right, fraction in groups of four from the left
        int integerGroups = (whole.length() + 3) / 4;
        String paddedWhole = "0".repeat(integerGroups * 4 - whole.length()) + whole;
        int fractionGroups = (scale + 3) / 4;
        String paddedFraction = fraction + "0".repeat(fractionGroups * 4 - scale);
        int groups = integerGroups + fractionGroups;
        if (groups > scratch.length) {
            throw new BadField("an amount with " + groups * 4 + " digits");
        }
        for (int g = 0; g < integerGroups; g++) {
            scratch[g] = Integer.parseInt(paddedWhole, g * 4, g * 4 + 4, 10);
        }
        for (int g = 0; g < fractionGroups; g++) {
            scratch[integerGroups + g] = Integer.parseInt(paddedFraction, g * 4, g * 4 + 4, 10);
        }
        int first = 0;
        while (first < groups && scratch[first] == 0) {
            first++;
        }
        int last = groups - 1;
        while (last >= first && scratch[last] == 0) {
            last--;
        }
        int digits = last < first ? 0 : last - first + 1;
        int weight = digits == 0 ? 0 : integerGroups - 1 - first;
        ensure(4 + 8 + digits * 2);
        putInt(8 + digits * 2);
        putShort(digits);
        putShort(weight);
        putShort(digits == 0 || !negative ? NUMERIC_POSITIVE : NUMERIC_NEGATIVE);
        putShort(scale);
        for (int g = first; g <= last; g++) {
            putShort((int) scratch[g]);
        }
    }

    /** {@code 4751201,4789099}: a one-dimensional {@code integer[]}; empty is null. */
    private void codeList(char[] chars, int offset, int length) {
        int count = 0;
        long value = -1;
        for (int i = offset, end = offset + length; i <= end; i++) {
            char c = i < end ? chars[i] : ',';
            if (c >= '0' && c <= '9') {
                value = (value < 0 ? 0 : value * 10) + (c - '0');
                if (value > Integer.MAX_VALUE) {
                    throw new BadField("'" + new String(chars, offset, length).strip() + "' holds a code too large for a CNAE");
                }
            } else if (c == ',' || c == ';') {
                if (value >= 0) {
                    if (count == scratch.length) {
                        throw new BadField("more than " + scratch.length + " activities");
                    }
                    scratch[count++] = value;
                }
                value = -1;
            } else if (c > ' ') {
                throw new BadField("'" + new String(chars, offset, length).strip() + "' is not a list of CNAE codes");
            }
        }
        if (count == 0) {
            nullValue();
            return;
        }
        int bytes = 20 + count * 8;
        ensure(4 + bytes);
        putInt(bytes);
        putInt(1); // dimensions
        putInt(0); // no nulls
        putInt(INT4_OID);
        putInt(count);
        putInt(1); // lower bound
        for (int i = 0; i < count; i++) {
            putInt(4);
            putInt((int) scratch[i]);
        }
    }

    /** Eight digits; about 0.1 % of the dump's CEPs lost their leading zero (7 digits). */
    private void cep(char[] chars, int offset, int length) {
        int digits = 0;
        for (int i = offset, end = offset + length; i < end; i++) {
            char c = chars[i];
            if (c >= '0' && c <= '9') {
                digits++;
            } else if (c > ' ' && c != '-' && c != '.') {
                text(chars, offset, length); // not a CEP: kept as given
                return;
            }
        }
        if (digits == 0) {
            nullValue();
            return;
        }
        int width = Math.max(digits, 8);
        ensure(4 + width);
        putInt(width);
        for (int pad = digits; pad < width; pad++) {
            buffer[size++] = '0';
        }
        for (int i = offset, end = offset + length; i < end; i++) {
            char c = chars[i];
            if (c >= '0' && c <= '9') {
                buffer[size++] = (byte) c;
            }
        }
    }

    /** A part of a CNPJ: digits or letters, upper case, zero-padded on the left to its width. */
    private void cnpjPart(char[] chars, int offset, int length, int width) {
        int start = offset;
        int end = offset + length;
        while (start < end && chars[start] <= ' ') {
            start++;
        }
        while (end > start && chars[end - 1] <= ' ') {
            end--;
        }
        int given = end - start;
        if (given == 0 || given > width) {
            throw new BadField("a CNPJ part of " + given + " characters where " + width + " are expected");
        }
        for (int pad = given; pad < width; pad++) {
            cnpj[cnpjLength++] = '0';
        }
        for (int i = start; i < end; i++) {
            char c = chars[i];
            if (c >= 'a' && c <= 'z') {
                c = (char) (c - 'a' + 'A');
            }
            if (!(c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' && width > 2)) {
                throw new BadField("'" + new String(chars, start, given) + "' is not part of a CNPJ");
            }
            cnpj[cnpjLength++] = c;
        }
    }

    // --- bytes ------------------------------------------------------------------------------

    private void putUtf8(char c) {
        if (c < 0x80) {
            buffer[size++] = (byte) c;
        } else if (c < 0x800) {
            buffer[size++] = (byte) (0xc0 | c >> 6);
            buffer[size++] = (byte) (0x80 | c & 0x3f);
        } else {
            buffer[size++] = (byte) (0xe0 | c >> 12);
            buffer[size++] = (byte) (0x80 | c >> 6 & 0x3f);
            buffer[size++] = (byte) (0x80 | c & 0x3f);
        }
    }

    private void putShort(int value) {
        buffer[size++] = (byte) (value >> 8);
        buffer[size++] = (byte) value;
    }

    private void putInt(int value) {
        putIntAt(size, value);
        size += 4;
    }

    private void putIntAt(int at, int value) {
        buffer[at] = (byte) (value >> 24);
        buffer[at + 1] = (byte) (value >> 16);
        buffer[at + 2] = (byte) (value >> 8);
        buffer[at + 3] = (byte) value;
    }

    private void ensure(int more) {
        if (size + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
        }
    }

    private static int lengthOfMonth(int year, int month) {
        return switch (month) {
            case 2 -> year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** A value the dump's layout does not allow in its field. */
    static final class BadField extends RuntimeException {

        BadField(String reason) {
            super(reason, null, false, false);
        }
    }
}
