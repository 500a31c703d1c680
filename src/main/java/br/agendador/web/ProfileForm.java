package br.agendador.web;

import br.agendador.users.JobMailChoice;
import br.agendador.users.ProfileChange;
import br.agendador.users.UserAccount;

/** What the profile page posts. */
public class ProfileForm {

    private String name = "";
    private String timeZone = "";
    private String locale = "";
    private boolean dailyDigest;
    private String jobMails = JobMailChoice.ALL.name();

    static ProfileForm of(UserAccount account) {
        ProfileForm form = new ProfileForm();
        form.setName(account.name());
        form.setTimeZone(account.timeZone().getId());
        form.setLocale(account.language().tag());
        form.setDailyDigest(account.dailyDigest());
        form.setJobMails(account.jobMails().name());
        return form;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name == null ? "" : name;
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

    public boolean isDailyDigest() {
        return dailyDigest;
    }

    public void setDailyDigest(boolean dailyDigest) {
        this.dailyDigest = dailyDigest;
    }

    public String getJobMails() {
        return jobMails;
    }

    public void setJobMails(String jobMails) {
        this.jobMails = jobMails == null ? "" : jobMails;
    }

    ProfileChange toChange() {
        return new ProfileChange(name, timeZone, locale, dailyDigest, jobMails);
    }
}
