package br.agendador.support;

import br.agendador.dispatch.CompanyLookup;
import br.agendador.dispatch.DispatchDriver;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;

@TestConfiguration(proxyBeanMethods = false)
public class IntegrationTestConfiguration {

    @Bean
    @Primary
    TestClock testClock() {
        return new TestClock();
    }

    @Bean
    Api api(Environment environment) {
        return new Api(environment);
    }

    /** Answers lookups as each test scripts; unscripted CNPJs go to the real lookup, if the app has one. */
    @Bean
    @Primary
    ScriptedCompanyLookup scriptedCompanyLookup(ObjectProvider<CompanyLookup> lookups) {
        return new ScriptedCompanyLookup(lookups);
    }

    /** Runs due jobs and lease recovery on demand: the dispatcher does not start by itself in tests. */
    @Bean
    DispatchDriver dispatchDriver(ApplicationContext context) {
        return DispatchDriver.of(context);
    }
}
