package br.agendador.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import br.agendador.cnpj.Cnpj;
import br.agendador.support.Api;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CNPJ input script (static/js/cnpj.js) in a real browser: the mask as you type, the
 * verdict as you type, the server's verdict on submit, and the script agreeing with the
 * server's {@link Cnpj} on hundreds of random CNPJs, numeric and alphanumeric.
 */
class CnpjInputBrowserTests extends BrowserTest {

    private static final String CHARACTERS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

    @Autowired
    Api api;

    @BeforeEach
    void signedInAtHome() {
        String email = "cnpj-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        api.newUser(email);
        signIn(email);
        browser.find("#cnpj");
    }

    @Test
    void masksAndValidatesAsYouTypeThenTheServerConfirms() {
        WebElement input = browser.find("#cnpj");
        input.sendKeys("12abc345");
        assertThat(input.getAttribute("value")).isEqualTo("12.ABC.345");
        assertThat(browser.find("#cnpj").getAttribute("class")).doesNotContain("is-invalid");
        input.sendKeys("01de35");
        assertThat(input.getAttribute("value")).isEqualTo("12.ABC.345/01DE-35");
        browser.waitForText("#cnpj-feedback", "CNPJ válido.");
        assertThat(input.getAttribute("class")).contains("is-valid");

        input.sendKeys(Keys.BACK_SPACE, "6");
        browser.waitForText("#cnpj-feedback", "Os dígitos verificadores não conferem.");
        assertThat(input.getAttribute("aria-invalid")).isEqualTo("true");
        browser.screenshot("cnpj-invalid-as-you-type");

        input.sendKeys(Keys.BACK_SPACE, "5");
        browser.click("form[role=search] button[type=submit]");
        browser.waitForText("#cnpj-check", "12.ABC.345/01DE-35");
        assertThat(browser.find("#cnpj-check").getText()).contains("alfanumérico");
        assertThat(browser.path()).as("the check swaps in place").isEqualTo("/");
        browser.screenshot("cnpj-checked");
    }

    @Test
    void pastedTextWithSpacesAndLowerCaseIsTidiedAndCappedAtFourteenCharacters() {
        WebElement input = browser.find("#cnpj");
        input.sendKeys(" 11 222 333 0001 81 999");
        assertThat(input.getAttribute("value")).isEqualTo("11.222.333/0001-81");
        browser.waitForText("#cnpj-feedback", "CNPJ válido.");
    }

    @Test
    void theScriptAgreesWithTheServerOnRandomCnpjs() {
        Random random = new Random(20260701);
        List<String> samples = new ArrayList<>(List.of("00000000000000", "11111111111111", "12ABC34501DE35",
                "12abc34501de35", "12.ABC.345/01DE-35", "11.222.333/0001-81", "11222333000180", "12ABC34501DEA5",
                "1", "", "12ABC34501DE3", "12ABC34501DE355", "12ÀBC34501DE35", "@@ABC34501DE35"));
        for (int i = 0; i < 300; i++) {
            String base = randomBase(random, i % 3 == 0);
            String valid = withCheckDigits(base);
            samples.add(valid);
            samples.add(valid.substring(0, 12) + (char) ('0' + random.nextInt(10)) + valid.charAt(13));
        }
        @SuppressWarnings("unchecked")
        List<Object> verdicts = (List<Object>) browser.asyncScript("""
                const done = arguments[arguments.length - 1];
                import('/js/cnpj.js')
                    .then(cnpj => done(arguments[0].map(text => cnpj.problem(text))))
                    .catch(error => done('failed: ' + error));""", samples);
        assertThat(verdicts).hasSameSizeAs(samples);
        for (int i = 0; i < samples.size(); i++) {
            assertThat(verdicts.get(i) == null).as("script says valid: %s", samples.get(i))
                    .isEqualTo(Cnpj.isValid(samples.get(i)));
        }
        assertThat(verdicts).containsNull().contains("checkDigits", "length", "repeated", "characters");
    }

    private static String randomBase(Random random, boolean numeric) {
        StringBuilder base = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            base.append(CHARACTERS.charAt(random.nextInt(numeric ? 10 : CHARACTERS.length())));
        }
        return base.toString();
    }

    /** The one pair of check digits the server accepts for this base. */
    private static String withCheckDigits(String base) {
        for (int digits = 0; digits < 100; digits++) {
            String candidate = base + String.format("%02d", digits);
            if (Cnpj.isValid(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no check digits for " + base);
    }
}
