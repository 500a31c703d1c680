package br.agendador.events;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import br.agendador.cnpj.CompanyChanged;
import br.agendador.jobs.JobEvent;
import br.agendador.jobs.JobsChanged;
import br.agendador.jobs.JobsFinished;
import br.agendador.jobs.JobsScheduled;
import br.agendador.jobs.JobsStarted;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitOperations;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.context.annotation.Conditional;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends the job and company events to the broker. Each send waits for the broker's publisher
 * confirm: only an ack completes the event publication; a nack, a timeout or an unreachable
 * broker throws, the publication stays incomplete and is sent again later (by
 * {@link FailedPublicationRetry}, or at the next start). Delivery is therefore at least once; the
 * message id, derived from the event, lets consumers drop the rare duplicate.
 */
@Component
@Conditional(BrokerConfigured.class)
class BrokerPublisher {

    private static final Logger log = LoggerFactory.getLogger(BrokerPublisher.class);
    private static final String APP_ID = "agendador-cnpj";

    private final RabbitTemplate rabbit;
    private final JsonMapper json;
    private final EventsSettings settings;
    /** Whether the last send went through: an outage is logged once, not once per event. */
    private final AtomicBoolean reachable = new AtomicBoolean(true);

    BrokerPublisher(RabbitTemplate rabbit, JsonMapper json, EventsSettings settings) {
        this.rabbit = rabbit;
        this.json = json;
        this.settings = settings;
    }

    @ApplicationModuleListener
    void on(JobEvent event) {
        send(EventMessage.routingKey(event), EventMessage.of(event));
    }

    @ApplicationModuleListener
    void on(CompanyChanged event) {
        send(EventMessage.COMPANY_CHANGED, EventMessage.of(event));
    }

    /**
     * A bulk import: one {@code job.scheduled} message per job, as if each had been created
     * alone.
     */
    @ApplicationModuleListener
    void on(JobsScheduled event) {
        sendEach(event.each());
    }

    /** Jobs a worker claimed together: one {@code job.started} message per job. */
    @ApplicationModuleListener
    void on(JobsStarted event) {
        sendEach(event.jobs());
    }

    /** Runs recorded together: one {@code job.succeeded}, {@code job.not_found} or {@code job.failed} message per job. */
    @ApplicationModuleListener
    void on(JobsFinished event) {
        sendEach(event.each());
    }

    /** An action over a filtered set: one {@code job.canceled} or {@code job.scheduled} message per job. */
    @ApplicationModuleListener
    void on(JobsChanged event) {
        sendEach(event.each());
    }

    /**
     * All are sent before any confirm is awaited (the broker confirms them as a stream); if one is
     * not confirmed the whole publication is sent again, and consumers drop the repeats by message
     * id.
     */
    private void sendEach(List<? extends JobEvent> each) {
        if (each.isEmpty()) {
            return;
        }
        String what = EventMessage.routingKey(each.getFirst());
        reportingOutages(what, () -> {
            // on one channel for the whole batch: a send outside invoke takes a channel from the
            // cache and gives it back each time (about 2 ms a message)
            List<Sent> confirms = rabbit.invoke(operations -> {
                List<Sent> sent = new ArrayList<>(each.size());
                for (JobEvent job : each) {
                    String routingKey = EventMessage.routingKey(job);
                    sent.add(new Sent(routingKey, publishUnconfirmed(operations, routingKey, EventMessage.of(job))));
                }
                return sent;
            });
            for (Sent confirm : confirms) {
                awaitAck(confirm.confirm(), confirm.routingKey());
            }
        });
    }

    private record Sent(String routingKey, CorrelationData confirm) {
    }

    private void send(String routingKey, EventMessage body) {
        reportingOutages(routingKey, () -> awaitAck(publishUnconfirmed(rabbit, routingKey, body), routingKey));
    }

    private void reportingOutages(String routingKey, Runnable sending) {
        try {
            sending.run();
        } catch (AmqpException e) {
            if (reachable.compareAndSet(true, false)) {
                log.warn("RabbitMQ does not take events ({}); they wait in the event publication registry and are "
                        + "sent again every {} s", rootMessage(e), settings.retryInterval().toSeconds());
            }
            throw e instanceof EventNotConfirmedException notConfirmed ? notConfirmed
                    : new EventNotConfirmedException(routingKey + " not sent: " + rootMessage(e));
        }
        if (reachable.compareAndSet(false, true)) {
            log.info("RabbitMQ takes events again");
        }
    }

    private CorrelationData publishUnconfirmed(RabbitOperations rabbit, String routingKey, EventMessage body) {
        String messageId = routingKey + ":" + body.jobId() + ":" + body.occurredAt();
        Message message = MessageBuilder.withBody(json.writeValueAsBytes(body))
                .setContentType(MessageProperties.CONTENT_TYPE_JSON)
                .setContentEncoding("UTF-8")
                .setDeliveryMode(MessageDeliveryMode.PERSISTENT)
                .setMessageId(messageId)
                .setType(routingKey)
                .setAppId(APP_ID)
                .setTimestamp(Date.from(body.occurredAt()))
                .build();
        CorrelationData confirm = new CorrelationData(messageId);
        rabbit.send(BrokerTopology.EXCHANGE, routingKey, message, confirm);
        return confirm;
    }

    private void awaitAck(CorrelationData correlation, String routingKey) {
        CorrelationData.Confirm confirm;
        try {
            confirm = correlation.getFuture().get(settings.confirmTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new EventNotConfirmedException(routingKey + " was not confirmed by the broker within "
                    + settings.confirmTimeout());
        } catch (ExecutionException e) {
            throw new EventNotConfirmedException(routingKey + " could not be confirmed: " + rootMessage(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EventNotConfirmedException(routingKey + " interrupted while waiting for the broker");
        }
        if (!confirm.ack()) {
            throw new EventNotConfirmedException(routingKey + " was refused by the broker: " + confirm.reason());
        }
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == error ? String.valueOf(error.getMessage()) : error.getMessage() + ": " + root;
    }

    /**
     * The broker did not take the event; its publication stays incomplete and is retried. An
     * expected condition while the broker is away, so it carries its reason and no stack trace.
     */
    static final class EventNotConfirmedException extends AmqpException {

        EventNotConfirmedException(String message) {
            super(message);
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }
}
