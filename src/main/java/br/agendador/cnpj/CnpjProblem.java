package br.agendador.cnpj;

import br.agendador.platform.problem.ProblemCode;

/** Why a text is not a CNPJ. */
public enum CnpjProblem implements ProblemCode {

    LENGTH("cnpj.length", "must have 14 characters (12 digits or letters and 2 check digits), not {0}"),
    CHARACTERS("cnpj.characters", "may only contain digits and letters A-Z in its first 12 positions; ''{0}'' is neither"),
    CHECK_DIGIT_NOT_NUMERIC("cnpj.checkDigitNotNumeric", "must end in 2 numeric check digits; ''{0}'' is not a digit"),
    ALL_EQUAL("cnpj.allEqual", "cannot have all characters equal"),
    CHECK_DIGITS("cnpj.checkDigits", "check digits do not match: expected {0}, got {1}");

    private final String code;
    private final String english;

    CnpjProblem(String code, String english) {
        this.code = code;
        this.english = english;
    }

    @Override
    public String code() {
        return code;
    }

    @Override
    public String english() {
        return english;
    }
}
