package br.agendador.dispatch;

import java.time.ZoneId;
import java.util.Random;

import javax.sql.DataSource;

import br.agendador.platform.roles.ConditionalOnRole;
import br.agendador.platform.roles.Roles;
import br.agendador.users.UserAccounts;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Wires the dispatcher by role: {@code worker} claims and runs jobs, {@code scheduler} takes back
 * expired leases and samples the queue; the health indicator is everywhere.
 */
@Configuration(proxyBeanMethods = false)
class DispatchConfiguration {

    @Bean
    DispatchMetrics dispatchMetrics(MeterRegistry registry) {
        return new DispatchMetrics(registry);
    }

    @Bean
    LeaseHealthIndicator dispatchHealthIndicator(JdbcClient jdbc, DispatchProperties properties) {
        return new LeaseHealthIndicator(jdbc, properties.lease());
    }

    @Configuration(proxyBeanMethods = false)
    @Conditional(WorkerOrScheduler.class)
    static class Shared {

        @Bean(destroyMethod = "close")
        DispatchTransactions dispatchTransactions(DataSource dataSource, DispatchProperties properties) {
            return new DispatchTransactions(dataSource, properties.poolSize());
        }

        @Bean
        Recurrences recurrences(UserAccounts users,
                @Value("${agendador.digest.default-zone:America/Sao_Paulo}") ZoneId defaultZone) {
            return new Recurrences(users, defaultZone);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnRole(Roles.WORKER)
    static class Worker {

        @Bean(destroyMethod = "close")
        JobRunner jobRunner(CompanyLookup lookup, JsonMapper json, DispatchProperties properties,
                DispatchMetrics metrics) {
            Backoff backoff = new Backoff(properties.retryDelay(), properties.retryMaxDelay(), new Random());
            return new JobRunner(lookup, json, backoff, properties.maxAttempts(), properties.lookupTimeout(), metrics);
        }

        @Bean
        Dispatcher dispatcher(DispatchProperties properties, DispatchTransactions transactions, JobRunner runner,
                Recurrences recurrences, ApplicationEventPublisher events, DispatchMetrics metrics) {
            Claims claims = new Claims(transactions, events, metrics, properties.maxRunningPerUser(), properties.lease());
            Finisher finisher = new Finisher(transactions, events, recurrences, metrics);
            Leases leases = new Leases(transactions, properties.lease());
            Dispatcher dispatcher = new Dispatcher(WorkerId.generate(), properties, claims, runner, finisher, leases,
                    transactions, metrics);
            metrics.gauge("worker.busy", "Jobs this process is running", "jobs", dispatcher::busy);
            return dispatcher;
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnRole(Roles.SCHEDULER)
    static class Scheduler {

        @Bean
        LeaseRecovery leaseRecovery(DispatchTransactions transactions, ApplicationEventPublisher events,
                Recurrences recurrences, DispatchMetrics metrics, DispatchProperties properties) {
            return new LeaseRecovery(transactions, events, recurrences, metrics, properties.maxAttempts());
        }

        @Bean
        QueueStatistics queueStatistics(DispatchTransactions transactions, DispatchMetrics metrics) {
            return new QueueStatistics(transactions, metrics);
        }

        @Bean
        Supervisor dispatchSupervisor(LeaseRecovery recovery, QueueStatistics statistics,
                DispatchProperties properties) {
            return new Supervisor(recovery, statistics, properties.heartbeat(), properties.autostart());
        }
    }

    static class WorkerOrScheduler extends AnyNestedCondition {

        WorkerOrScheduler() {
            super(ConfigurationPhase.REGISTER_BEAN);
        }

        @ConditionalOnRole(Roles.WORKER)
        static class Worker {
        }

        @ConditionalOnRole(Roles.SCHEDULER)
        static class Scheduler {
        }
    }
}
