package br.agendador.events;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * RabbitMQ is used only when configured: {@code spring.rabbitmq.host} (or
 * {@code spring.rabbitmq.addresses}) set to something. Spring Boot alone would connect to
 * localhost:5672 by default and report the broker DOWN on a machine without one.
 */
class BrokerConfigured extends SpringBootCondition {

    static boolean in(Environment environment) {
        return StringUtils.hasText(environment.getProperty("spring.rabbitmq.host"))
                || StringUtils.hasText(environment.getProperty("spring.rabbitmq.addresses"));
    }

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return in(context.getEnvironment())
                ? ConditionOutcome.match("spring.rabbitmq.host is set")
                : ConditionOutcome.noMatch("spring.rabbitmq.host is not set: events stay inside the application");
    }
}
