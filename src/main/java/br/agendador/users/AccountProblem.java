package br.agendador.users;

import br.agendador.platform.problem.ProblemCode;

/** What can be wrong with an account's details. */
public enum AccountProblem implements ProblemCode {

    EMAIL_INVALID("account.email.invalid", "is not a valid e-mail address"),
    EMAIL_TAKEN("account.email.taken", "An account with e-mail {0} already exists"),
    PASSWORD_TOO_SHORT("account.password.tooShort", "must have at least {0} characters"),
    PASSWORD_TOO_LONG("account.password.tooLong", "must have at most {0} bytes"),
    PASSWORD_NOT_MIXED("account.password.notMixed", "must mix letters with digits or symbols"),
    PASSWORD_REPETITIVE("account.password.repetitive", "is too repetitive"),
    PASSWORD_COMMON("account.password.common", "is too common"),
    PASSWORD_CONTAINS_EMAIL("account.password.containsEmail", "must not contain your e-mail address"),
    NAME_BLANK("account.name.blank", "must not be blank"),
    NAME_TOO_LONG("account.name.tooLong", "must have at most {0} characters"),
    TIME_ZONE("account.timeZone", "''{0}'' is not a time zone (use an IANA id such as America/Sao_Paulo)"),
    LOCALE("account.locale", "must be pt-BR or en"),
    JOB_MAILS("account.jobMails", "must be ALL, FAILURES_AND_CHANGES or NONE"),
    NOT_FOUND("account.notFound", "No such user"),
    GONE("account.gone", "Your account no longer exists");

    private final String code;
    private final String english;

    AccountProblem(String code, String english) {
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
