package br.agendador.cnpj;

/** The text is not a valid CNPJ; the message says why in words a user can act on. */
public class InvalidCnpjException extends IllegalArgumentException {

    private final String reason;

    InvalidCnpjException(String value, String reason) {
        super("'" + value + "' is not a valid CNPJ: it " + reason);
        this.reason = reason;
    }

    /** Why, starting with a verb: "must have 14 characters...", "check digits do not match...". */
    public String reason() {
        return reason;
    }
}
