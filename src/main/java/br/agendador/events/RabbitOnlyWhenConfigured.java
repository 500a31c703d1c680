package br.agendador.events;

import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * Leaves out Spring Boot's RabbitMQ auto-configuration (connection factory, template, health
 * indicator, metrics) unless a broker is configured, so a machine without RabbitMQ runs the
 * whole application with a healthy {@code /actuator/health}. Registered in
 * {@code META-INF/spring.factories}.
 */
class RabbitOnlyWhenConfigured implements AutoConfigurationImportFilter, EnvironmentAware {

    private static final String RABBIT_AUTO_CONFIGURATION = "org.springframework.boot.amqp.autoconfigure.";

    private boolean configured;

    @Override
    public void setEnvironment(Environment environment) {
        this.configured = BrokerConfigured.in(environment);
    }

    @Override
    public boolean[] match(String[] autoConfigurationClasses, AutoConfigurationMetadata metadata) {
        boolean[] matches = new boolean[autoConfigurationClasses.length];
        for (int i = 0; i < autoConfigurationClasses.length; i++) {
            String candidate = autoConfigurationClasses[i];
            matches[i] = configured || candidate == null || !candidate.startsWith(RABBIT_AUTO_CONFIGURATION);
        }
        return matches;
    }
}
