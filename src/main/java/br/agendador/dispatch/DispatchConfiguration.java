package br.agendador.dispatch;

import java.time.ZoneId;
import java.util.Random;

import javax.sql.DataSource;

import br.agendador.jobs.JobQueries;
import br.agendador.jobs.queue.JobQueue;
import br.agendador.platform.background.BackgroundWork;
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
    LeaseHealthIndicator dispatchHealthIndicator(JobQueries jobs, DispatchProperties properties) {
        return new LeaseHealthIndicator(jobs, properties.lease());
    }

    @Configuration(proxyBeanMethods = false)
    @Conditional(WorkerOrScheduler.class)
    static class Shared {

        @Bean(destroyMethod = "close")
        JobQueue jobQueue(DataSource dataSource, DispatchProperties properties, ApplicationEventPublisher events,
                UserAccounts users, @Value("${agendador.digest.default-zone:America/Sao_Paulo}") ZoneId defaultZone) {
            return new JobQueue(dataSource, new JobQueue.Settings(properties.poolSize(), properties.lease(),
                    properties.maxRunningPerUser(), properties.maxAttempts(), defaultZone), events, users);
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
        Dispatcher dispatcher(DispatchProperties properties, JobQueue queue, JobRunner runner, DispatchMetrics metrics,
                BackgroundWork work) {
            Dispatcher dispatcher = new Dispatcher(WorkerId.generate(), properties, queue, runner, metrics, work);
            metrics.gauge("worker.busy", "Jobs this process is running", "jobs", dispatcher::busy);
            return dispatcher;
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnRole(Roles.SCHEDULER)
    static class Scheduler {

        @Bean
        Supervisor dispatchSupervisor(JobQueue queue, DispatchMetrics metrics, DispatchProperties properties,
                BackgroundWork work) {
            return new Supervisor(queue, new QueueStatistics(metrics), metrics, properties.heartbeat(), properties.autostart(),
                    work);
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
