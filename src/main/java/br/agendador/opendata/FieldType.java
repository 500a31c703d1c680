package br.agendador.opendata;

/**
 * How one field of the dump's CSV is read and written to PostgreSQL. The dump writes every field
 * as quoted text; these say what the text means.
 */
enum FieldType {

    /** Free text: NUL bytes and runs of spaces removed, empty is null. */
    TEXT,
    /** A numeric code (situação, motivo, município...), {@code smallint}; empty is null. */
    CODE,
    /** A longer numeric code (CNAE, seven digits), {@code integer}; empty is null. */
    LONG_CODE,
    /** {@code YYYYMMDD}; {@code 0}, {@code 00000000}, empty or impossible dates are null. */
    DATE,
    /** {@code S} or {@code N}, {@code boolean}; anything else (often empty) is unknown, null. */
    FLAG,
    /** Reais with a decimal comma ({@code 10000,00}, sometimes {@code 1.234,56}), {@code numeric}. */
    MONEY,
    /** Comma-separated CNAE codes, {@code integer[]}; empty is null. */
    CODE_LIST,
    /** A CEP: eight digits, the leading zero some rows lost put back. */
    CEP,
    /** The 8-character CNPJ root, upper case (letters since July 2026). */
    CNPJ_ROOT,
    /** Estabelecimentos' three CNPJ fields (root, order, check digits): one 14-character column. */
    CNPJ_ROOT_PART,
    CNPJ_ORDER_PART,
    CNPJ_DIGITS_PART;

    /** Whether this field ends a column (the CNPJ's first two parts wait for the third). */
    boolean endsColumn() {
        return this != CNPJ_ROOT_PART && this != CNPJ_ORDER_PART;
    }
}
