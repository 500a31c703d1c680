package br.agendador.events;

import java.util.Date;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import br.agendador.cnpj.CompanyChanged;
import br.agendador.jobs.JobEvent;
import org.jspecify.annotations.Nullable;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CorrelationData;
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

    private static final String APP_ID = "agendador-cnpj";

    private final RabbitTemplate rabbit;
    private final JsonMapper json;
    private final EventsSettings settings;

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

    private void send(String routingKey, EventMessage body) {
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
        awaitAck(confirm, routingKey);
    }

    private void awaitAck(CorrelationData correlation, String routingKey) {
        CorrelationData.Confirm confirm;
        try {
            confirm = correlation.getFuture().get(settings.confirmTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new EventNotConfirmedException(routingKey + " was not confirmed by the broker within "
                    + settings.confirmTimeout(), e);
        } catch (ExecutionException e) {
            throw new EventNotConfirmedException(routingKey + " could not be confirmed: " + e.getCause(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EventNotConfirmedException(routingKey + " interrupted while waiting for the broker", e);
        }
        if (!confirm.ack()) {
            throw new EventNotConfirmedException(routingKey + " was refused by the broker: " + confirm.reason(), null);
        }
    }

    /** The broker did not take the event; its publication stays incomplete and is retried. */
    static final class EventNotConfirmedException extends AmqpException {

        EventNotConfirmedException(String message, @Nullable Throwable cause) {
            super(message, cause);
        }
    }
}
