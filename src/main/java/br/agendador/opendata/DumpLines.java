package br.agendador.opendata;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.Charset;
import java.util.Arrays;

/**
 * The characters of one of the dump's CSV files, for the CSV parser, one line per {@code read}.
 *
 * <p>The files are ISO-8859-1 in name but carry windows-1252 punctuation (0x80-0x9F), stray NUL
 * bytes and other control characters: NULs are dropped, control characters become spaces (text
 * fields collapse them), and 0x80-0x9F read as windows-1252 where it defines them. A lone CR becomes
 * a space, so only LF (or CRLF) ends a line.
 *
 * <p>Every record of the layout is one line. Handing the parser one line at a time, and replacing
 * a line whose quotes are left open by an empty one (reported as rejected), means a broken line can
 * never swallow the lines after it, and after the parser gives up on a line nothing of the next one
 * has been read: the import carries on with a new parser at the next line.
 */
final class DumpLines extends Reader {

    /** What each byte reads as; {@code 0} is "drop it". */
    private static final char[] CHARS = new char[256];

    static {
        Charset windows1252 = Charset.forName("windows-1252");
        for (int b = 0; b < 256; b++) {
            char c;
            if (b == 0) {
                c = 0;
            } else if (b == '\n') {
                c = '\n';
            } else if (b < 0x20 || b == 0x7f) {
                c = ' ';
            } else if (b >= 0x80 && b <= 0x9f) {
                char decoded = new String(new byte[] {(byte) b}, windows1252).charAt(0);
                c = decoded == '\ufffd' || Character.isISOControl(decoded) ? ' ' : decoded;
            } else {
                c = (char) b;
            }
            CHARS[b] = c;
        }
    }

    /** Told about lines that never reach the parser. */
    interface BrokenLines {
        void broken(long line, String reason);
    }

    private final InputStream in;
    private final BrokenLines broken;
    private final byte[] bytes = new byte[1 << 18];
    private int position;
    private int limit;
    private boolean endOfInput;
    private volatile long bytesRead;

    private char[] line = new char[1024];
    private int lineLength;
    private int delivered;
    private long lineNumber;

    DumpLines(InputStream in, BrokenLines broken) {
        this.in = in;
        this.broken = broken;
    }

    /** The number of the line the parser is reading (1 for the first). */
    long lineNumber() {
        return lineNumber;
    }

    /** Bytes read from the file so far (uncompressed), for progress. */
    long bytesRead() {
        return bytesRead;
    }

    /** After the parser gave up on the current line: the rest of it is not for the next parser. */
    void skipRestOfLine() {
        delivered = lineLength;
    }

    @Override
    public int read(char[] target, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (delivered == lineLength && !nextLine()) {
            return -1;
        }
        int count = Math.min(length, lineLength - delivered);
        System.arraycopy(line, delivered, target, offset, count);
        delivered += count;
        return count;
    }

    /** Reads the next line (with its LF) into {@link #line}; false at the end of the file. */
    private boolean nextLine() throws IOException {
        lineLength = 0;
        delivered = 0;
        // The quote state of the CSV dialect, only to tell whether the line closes its quotes:
        // a quote opens a field only at its start; inside, "" is a quote and a lone " closes it.
        boolean atFieldStart = true;
        boolean quoted = false;
        boolean quoteSeen = false;
        boolean any = false;
        while (true) {
            if (position == limit && !fill()) {
                if (!any) {
                    return false;
                }
                break; // a last line without LF
            }
            any = true;
            int b = bytes[position++] & 0xff;
            if (b == '\n') {
                break;
            }
            if (b == '\r') {
                if (position == limit) {
                    fill();
                }
                if (position < limit && bytes[position] == '\n') {
                    continue; // CRLF: the LF ends the line
                }
            }
            char c = b == '\r' ? ' ' : CHARS[b];
            if (c == 0) {
                continue;
            }
            if (quoted) {
                if (quoteSeen) {
                    quoteSeen = false;
                    if (c != '"') {
                        quoted = false; // the previous quote closed the field
                        atFieldStart = c == ';';
                    }
                } else if (c == '"') {
                    quoteSeen = true;
                }
            } else if (atFieldStart && c == '"') {
                quoted = true;
                atFieldStart = false;
            } else {
                atFieldStart = c == ';';
            }
            append(c);
        }
        lineNumber++;
        boolean open = quoted && !quoteSeen;
        if (open) {
            broken.broken(lineNumber, "a quoted field is not closed on its line");
            lineLength = 0;
        }
        append('\n');
        return true;
    }

    private void append(char c) {
        if (lineLength == line.length) {
            line = Arrays.copyOf(line, line.length * 2);
        }
        line[lineLength++] = c;
    }

    private boolean fill() throws IOException {
        if (endOfInput) {
            return false;
        }
        int read = in.readNBytes(bytes, 0, bytes.length);
        position = 0;
        limit = Math.max(read, 0);
        bytesRead += limit;
        if (read < bytes.length) {
            endOfInput = true;
        }
        return limit > 0;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
