package br.agendador.platform.async;

import java.lang.reflect.Method;
import java.util.concurrent.Executor;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.aop.interceptor.AsyncUncaughtExceptionHandler;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.scheduling.annotation.AsyncConfigurer;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * How asynchronous event listeners ({@link ApplicationModuleListener}s: mails, broker messages)
 * run.
 *
 * <p>A fixed number of threads with a queue: a burst of events (a 10,000-job import, a busy
 * dispatcher) waits its turn instead of starting thousands of transactions at once that fight the
 * request and dispatcher threads for connections and CPU, and the publishing thread never blocks.
 * Queued events are also in the event publication registry, so a crash loses none of them.
 *
 * <p>A failing listener is an expected, recorded condition (the mail server or the broker is
 * away): Spring Modulith leaves its publication incomplete and it is retried, so it is logged
 * quietly; other asynchronous failures are errors.
 */
@Configuration(proxyBeanMethods = false)
class AsyncListeners implements AsyncConfigurer {

    private static final Logger log = LoggerFactory.getLogger(AsyncListeners.class);

    private final ObjectProvider<ThreadPoolTaskExecutor> executor;

    AsyncListeners(@Qualifier("listenerExecutor") ObjectProvider<ThreadPoolTaskExecutor> executor) {
        this.executor = executor;
    }

    /**
     * A bean, so it stops (finishing what it runs) early in shutdown, while the database is still up.
     * By default one thread per CPU (at least two): rendering mails is CPU work, and more threads
     * than CPUs only take time from the dispatcher and the web requests (DispatchBenchmark with
     * mails on a busy 2-CPU machine: about 360 jobs/s with 8 threads, 900 with 2).
     */
    @Bean
    ThreadPoolTaskExecutor listenerExecutor(@Value("${agendador.async.listener-threads:0}") int configured) {
        int threads = configured > 0 ? configured : Math.max(2, Runtime.getRuntime().availableProcessors());
        ThreadPoolTaskExecutor pool = new ThreadPoolTaskExecutor();
        pool.setCorePoolSize(threads);
        pool.setMaxPoolSize(threads);
        pool.setThreadNamePrefix("listener-");
        pool.setWaitForTasksToCompleteOnShutdown(true);
        pool.setAwaitTerminationSeconds(20);
        return pool;
    }

    @Override
    public Executor getAsyncExecutor() {
        return executor.getObject();
    }

    @Override
    public AsyncUncaughtExceptionHandler getAsyncUncaughtExceptionHandler() {
        return AsyncListeners::handle;
    }

    private static void handle(Throwable error, Method method, Object... parameters) {
        if (method.isAnnotationPresent(ApplicationModuleListener.class)) {
            log.debug("{}.{} failed; its event publication stays incomplete and is retried", method.getDeclaringClass()
                    .getSimpleName(), method.getName(), error);
        } else {
            log.error("Unexpected exception in asynchronous method {}", method, error);
        }
    }
}
