package br.agendador.notifications;

import br.agendador.platform.problem.ProblemCode;

/** Why a mail cannot be shown. */
public enum MailProblem implements ProblemCode {

    NOT_FOUND("mail.notFound", "You have no mail {0}");

    private final String code;
    private final String english;

    MailProblem(String code, String english) {
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
