package br.agendador.auth;

/** The web pages the security chain sends people to; the web module serves them. */
public final class WebPaths {

    public static final String SIGN_IN = "/login";
    public static final String SIGN_UP = "/signup";
    public static final String SIGN_OUT = "/logout";
    public static final String HOME = "/";
    /** Switches the language; open to everyone, so anonymous visitors can use it. */
    public static final String LANGUAGE = "/language";
    /** The administrators' pages: other signed-in people get 403. */
    public static final String ADMIN = "/admin";

    private WebPaths() {
    }
}
