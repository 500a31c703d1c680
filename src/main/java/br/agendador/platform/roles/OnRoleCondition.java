package br.agendador.platform.roles;

import java.util.Arrays;
import java.util.Locale;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

class OnRoleCondition extends SpringBootCondition {

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        String role = (String) metadata.getAnnotationAttributes(ConditionalOnRole.class.getName()).get("value");
        String configured = context.getEnvironment().getProperty("agendador.roles", "api,worker,scheduler");
        boolean has = Arrays.stream(configured.split(","))
                .map(r -> r.strip().toLowerCase(Locale.ROOT))
                .anyMatch(role::equals);
        return has ? ConditionOutcome.match("role " + role + " is on")
                : ConditionOutcome.noMatch("role " + role + " is not in agendador.roles=" + configured);
    }
}
