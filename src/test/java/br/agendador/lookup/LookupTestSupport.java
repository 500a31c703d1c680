package br.agendador.lookup;

import java.util.ArrayList;
import java.util.List;

import br.agendador.cnpj.Cnpj;
import br.agendador.support.IntegrationTest;
import br.agendador.support.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static br.agendador.lookup.ProviderFakes.fixture;
import static br.agendador.lookup.ProviderFakes.json;

/** Lookups over the shared test database and the fake providers, starting each test from nothing. */
@IntegrationTest
abstract class LookupTestSupport {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    ProviderState state;
    @Autowired
    Snapshots snapshots;
    @Autowired
    FetchLeases leases;
    @Autowired
    TestClock clock;

    private final List<TestLookup> lookups = new ArrayList<>();

    @BeforeEach
    void startFromNothing() {
        TestLookup.forgetEverything(jdbc);
    }

    @AfterEach
    void closeLookups() {
        lookups.forEach(TestLookup::close);
        TestLookup.forgetEverything(jdbc);
    }

    TestLookup lookup(TestLookup.Settings settings) {
        TestLookup lookup = new TestLookup(settings, state, snapshots, leases, clock);
        lookups.add(lookup);
        return lookup;
    }

    /** The provider knows this company: its Petrobras fixture, about this CNPJ. */
    static void knows(String provider, Cnpj cnpj) {
        ProviderFakes.answer(provider, cnpj, json(200, fixtureAbout(provider, "found.json", cnpj)));
    }

    static String fixtureAbout(String provider, String file, Cnpj cnpj) {
        return fixture(provider + "/" + file).replace("33000167000101", cnpj.value()).replace("33.000.167/0001-01", cnpj.formatted());
    }

    /** A valid numeric CNPJ made from a number, for tests that need many companies. */
    static Cnpj company(int number) {
        String base = String.format("%08d0001", number);
        for (int digits = 0; digits < 100; digits++) {
            String candidate = base + String.format("%02d", digits);
            if (Cnpj.isValid(candidate)) {
                return Cnpj.parse(candidate);
            }
        }
        throw new IllegalStateException("no check digits for " + base);
    }
}
