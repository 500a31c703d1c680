package br.agendador.lookup;

import br.agendador.platform.problem.ProblemCode;

/** Why a company cannot be shown. */
public enum LookupProblem implements ProblemCode {

    NOT_LOOKED_UP("company.notLookedUp", "You have not looked up CNPJ {0} yet"),
    NO_SNAPSHOT("company.noSnapshot", "No snapshot of CNPJ {0} is stored");

    private final String code;
    private final String english;

    LookupProblem(String code, String english) {
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
