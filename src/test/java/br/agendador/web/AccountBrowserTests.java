package br.agendador.web;

import java.util.UUID;

import br.agendador.support.Api;
import br.agendador.support.Api.Session;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A person in a real browser (headless Chromium): opening an account, signing in and out,
 * changing the profile and its language, mistakes and expired sessions, and never seeing
 * another person's data. Screenshots of each page go to target/screenshots/.
 */
class AccountBrowserTests extends BrowserTest {

    @Autowired
    Api api;

    @Test
    void signsUpSignsInSwitchesToEnglishAndSignsOut() {
        String email = unique("ana");
        browser.open("/signup");
        browser.waitForText("h1", "Crie sua conta");
        assertThat(new Select(browser.find("#timeZone")).getFirstSelectedOption().getAttribute("value"))
                .as("the time zone defaults to the browser's").isEqualTo(Browser.BROWSER_TIME_ZONE);
        browser.type("#name", "Ana Navegadora");
        browser.type("#email", email);
        browser.type("#password", "short");
        browser.click("#sign-up-form button[type=submit]");
        browser.waitForText("#password-error", "A senha precisa ter pelo menos 10 caracteres.");
        assertThat(browser.path()).as("errors come back in place").startsWith("/signup");
        browser.screenshot("sign-up-errors");

        browser.type("#password", Api.PASSWORD);
        browser.click("#sign-up-form button[type=submit]");
        browser.waitForText("#registered-message", "Conta criada!");
        assertThat(browser.find("#email").getAttribute("value")).isEqualTo(email);
        browser.screenshot("sign-in-after-sign-up");

        browser.type("#password", Api.PASSWORD);
        browser.click("main form button[type=submit]");
        browser.waitForText("h1", "Olá, Ana Navegadora!");
        assertThat(browser.path()).isEqualTo("/");
        assertThat(browser.find("main").getText()).contains("Como funciona", "America/Recife");
        browser.screenshot("home");

        browser.click("#user-menu");
        browser.click("a[href='/profile']");
        browser.waitForText("h1", "Meu perfil");
        assertThat(browser.find("#name").getAttribute("value")).isEqualTo("Ana Navegadora");
        browser.screenshot("profile");

        new Select(browser.find("#locale")).selectByValue("en");
        browser.click("#profile-form button[type=submit]");
        browser.waitForText("#saved-message", "Profile saved.");
        assertThat(browser.find("h1").getText()).isEqualTo("My profile");
        assertThat(browser.find("html").getAttribute("lang")).isEqualTo("en");
        browser.screenshot("profile-in-english");

        browser.open("/");
        browser.waitForText("h1", "Hello, Ana Navegadora!");
        browser.click("#user-menu");
        browser.click("#sign-out");
        browser.waitForText("#signed-out-message", "You have signed out.");
        browser.open("/profile");
        browser.waitForPath("/login");
    }

    @Test
    void aWrongPasswordIsToldWithoutSayingWhichPart() {
        Session ana = api.newUser(unique("wrong"));
        browser.open("/login");
        browser.type("#email", ana.email());
        browser.type("#password", "not-the-password-1");
        browser.click("main form button[type=submit]");
        browser.waitForText("#sign-in-error", "E-mail ou senha incorretos.");
        assertThat(browser.find("#email").getAttribute("value")).isEqualTo(ana.email());
        assertThat(browser.find("#email").getAttribute("class")).contains("is-invalid");
        browser.screenshot("sign-in-wrong-password");
    }

    @Test
    void someoneElseNeverSeesTheFirstPersonsProfile() {
        String aliceEmail = unique("alice");
        api.newUser(aliceEmail);
        Session bob = api.newUser(unique("bob"));
        signIn(bob.email());
        browser.open("/profile");
        browser.waitForText("h1", "Meu perfil");
        String page = browser.driver.getPageSource();
        assertThat(page).contains(bob.email()).doesNotContain(aliceEmail);
        browser.open("/profile?id=1&email=" + aliceEmail);
        assertThat(browser.find("main").getText()).contains(bob.email()).doesNotContain(aliceEmail);
    }

    @Test
    void anExpiredSessionSendsToSignInAndBackToThePage() {
        Session carla = api.newUser(unique("carla"));
        signIn(carla.email());
        browser.open("/profile");
        browser.waitForText("h1", "Meu perfil");
        browser.driver.manage().deleteCookieNamed("SESSION");

        browser.type("#name", "Carla Expirada");
        browser.click("#profile-form button[type=submit]");
        browser.waitForPath("/login");
        assertThat(browser.driver.findElements(By.id("profile-form")))
                .as("the sign-in page replaces the whole page, not the form").isEmpty();
        browser.find("#password").sendKeys(Api.PASSWORD);
        browser.type("#email", carla.email());
        browser.click("main form button[type=submit]");
        browser.waitForText("h1", "Meu perfil");
        assertThat(browser.path()).startsWith("/profile");
    }

    @Test
    void aBrowserKeptSignedInOutlivesItsSession() {
        Session eva = api.newUser(unique("eva"));
        browser.open("/login");
        browser.type("#email", eva.email());
        browser.type("#password", Api.PASSWORD);
        browser.click("#remember-me");
        browser.screenshot("sign-in");
        browser.click("main form button[type=submit]");
        browser.waitForPath("/");
        browser.driver.manage().deleteCookieNamed("SESSION");
        browser.open("/profile");
        browser.waitForText("h1", "Meu perfil");
        assertThat(browser.find("main").getText()).contains(eva.email());
    }

    @Test
    void pagesFitAPhoneAndErrorsHaveTheirOwnPage() {
        Session dora = api.newUser(unique("dora"));
        signIn(dora.email());
        browser.open("/no-such-page");
        browser.waitForText("h1", "Página não encontrada");
        browser.screenshot("not-found");

        browser.resize(Browser.PHONE);
        browser.open("/");
        browser.find("h1");
        Number overflow = (Number) browser.script(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        assertThat(overflow.intValue()).as("no sideways scrolling on a phone").isLessThanOrEqualTo(0);
        browser.screenshot("home-phone");
        browser.click(".navbar-toggler");
        browser.find("#user-menu");
        browser.screenshot("menu-phone");
    }

    @Test
    void theSignInPageSpeaksEnglishWhenAskedAndRemembersIt() {
        browser.open("/login");
        browser.waitForText("h1", "Bem-vindo de volta");
        browser.click("#language-menu");
        browser.click("button[name=lang][value=en]");
        browser.waitForText("h1", "Welcome back");
        browser.open("/signup");
        browser.waitForText("h1", "Create your account");
        browser.screenshot("sign-up-english");
    }

    private static String unique(String who) {
        return who + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }
}
