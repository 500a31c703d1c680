package br.agendador.auth;

import br.agendador.platform.problem.ProblemCode;

/** Why a login, a token or a request's credentials were refused. */
public enum AuthProblem implements ProblemCode {

    BAD_CREDENTIALS("auth.badCredentials", "E-mail or password is wrong"),
    THROTTLED("auth.throttled", "Too many failed logins for this e-mail; try again in {0} minute(s)"),
    REFRESH_TOKEN_INVALID("auth.refreshTokenInvalid", "The refresh token is invalid, expired, revoked or already used; log in again"),
    ACCESS_TOKEN_INVALID("auth.accessTokenInvalid", "The access token is not valid: {0}"),
    AUTHENTICATION_REQUIRED("auth.required", "Authentication is required: send ''Authorization: Bearer <accessToken>'' from"
            + " POST /api/v1/auth/login"),
    FORBIDDEN("auth.forbidden", "Your account is not allowed to do this");

    private final String code;
    private final String english;

    AuthProblem(String code, String english) {
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
