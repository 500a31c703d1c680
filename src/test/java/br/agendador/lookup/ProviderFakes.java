package br.agendador.lookup;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import br.agendador.cnpj.Cnpj;
import br.agendador.support.FakeProviders;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

/** The fake providers as the lookup tests use them: answers from fixture files, calls counted at the fake. */
final class ProviderFakes {

    static final Cnpj PETROBRAS = Cnpj.parse("33.000.167/0001-01");
    /** Valid check digits, no such company. */
    static final Cnpj NOBODY = Cnpj.parse("11.222.333/0001-81");

    private ProviderFakes() {
    }

    /** A file under src/test/resources/providers/. */
    static String fixture(String path) {
        try (InputStream in = ProviderFakes.class.getResourceAsStream("/providers/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("No fixture providers/" + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json; charset=utf-8").withBody(body);
    }

    static ResponseDefinitionBuilder text(int status, String contentType, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", contentType).withBody(body);
    }

    /** The provider answers this about this CNPJ (from now on, until reset). */
    static void answer(String provider, Cnpj cnpj, ResponseDefinitionBuilder response) {
        FakeProviders.server().stubFor(get(urlPathEqualTo("/" + provider + "/" + cnpj.value())).willReturn(response));
    }

    /** The provider answers this about any CNPJ. */
    static void answerAll(String provider, ResponseDefinitionBuilder response) {
        FakeProviders.server().stubFor(get(urlPathMatching("/" + provider + "/.*")).willReturn(response));
    }

    static void found(String provider, Cnpj cnpj) {
        answer(provider, cnpj, json(200, fixture(provider + "/found.json")));
    }

    static void slow(String provider, Cnpj cnpj, Duration delay) {
        answer(provider, cnpj, json(200, fixture(provider + "/found.json")).withFixedDelay((int) delay.toMillis()));
    }

    /** Requests the fake received for this provider (any CNPJ). */
    static int calls(String provider) {
        return FakeProviders.server().countRequestsMatching(getRequestedFor(urlPathMatching("/" + provider + "/.*")).build())
                .getCount();
    }

    static int calls(String provider, Cnpj cnpj) {
        return FakeProviders.server().countRequestsMatching(
                WireMock.getRequestedFor(urlPathEqualTo("/" + provider + "/" + cnpj.value())).build()).getCount();
    }

    static void reset() {
        FakeProviders.server().resetAll();
    }
}
