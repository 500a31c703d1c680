package br.agendador.support;

import org.springframework.boot.test.context.TestConfiguration;
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
}
