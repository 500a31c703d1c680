package br.agendador.web;

import br.agendador.users.NewAccount;

/** What the sign-up page posts; never bound to anything but itself. */
public class SignUpForm {

    private String name = "";
    private String email = "";
    private String password = "";
    private String timeZone = "";
    private String locale = "";

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name == null ? "" : name;
    }

    public String getEmail() {
        return email;
    }

    public void setEmail(String email) {
        this.email = email == null ? "" : email;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password == null ? "" : password;
    }

    public String getTimeZone() {
        return timeZone;
    }

    public void setTimeZone(String timeZone) {
        this.timeZone = timeZone == null ? "" : timeZone;
    }

    public String getLocale() {
        return locale;
    }

    public void setLocale(String locale) {
        this.locale = locale == null ? "" : locale;
    }

    NewAccount toNewAccount() {
        return new NewAccount(name, email, password, timeZone.isBlank() ? null : timeZone,
                locale.isBlank() ? null : locale);
    }
}
