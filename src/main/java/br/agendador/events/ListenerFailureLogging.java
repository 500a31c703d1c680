package br.agendador.events;

import java.lang.reflect.Method;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.aop.interceptor.AsyncUncaughtExceptionHandler;
import org.springframework.context.annotation.Configuration;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.scheduling.annotation.AsyncConfigurer;

/**
 * A failing {@link ApplicationModuleListener} is an expected, recorded condition (the mail
 * server or the broker is away): Spring Modulith logs it, leaves the event publication incomplete
 * and {@link FailedPublicationRetry} runs it again. Spring's default would log every such
 * failure, at every retry, as an ERROR with a stack trace. Other asynchronous failures still are.
 */
@Configuration(proxyBeanMethods = false)
class ListenerFailureLogging implements AsyncConfigurer {

    private static final Logger log = LoggerFactory.getLogger(ListenerFailureLogging.class);

    @Override
    public AsyncUncaughtExceptionHandler getAsyncUncaughtExceptionHandler() {
        return ListenerFailureLogging::handle;
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
