package br.agendador.events;

import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.FanoutExchange;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * What consumers find on the broker, declared (idempotently) on every connection: the topic
 * exchange the events go to, and a durable queue bound to all of them whose rejected or expired
 * messages go to a dead-letter queue instead of being lost.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(BrokerConfigured.class)
class BrokerTopology {

    static final String EXCHANGE = "agendador.events";
    static final String QUEUE = "agendador.job-events";
    static final String DEAD_LETTER_EXCHANGE = "agendador.events.dead-letter";
    static final String DEAD_LETTER_QUEUE = "agendador.job-events.dead-letter";

    @Bean
    Declarables eventTopology() {
        TopicExchange events = new TopicExchange(EXCHANGE, true, false);
        FanoutExchange deadLetters = new FanoutExchange(DEAD_LETTER_EXCHANGE, true, false);
        Queue queue = QueueBuilder.durable(QUEUE).deadLetterExchange(DEAD_LETTER_EXCHANGE).build();
        Queue deadLetterQueue = QueueBuilder.durable(DEAD_LETTER_QUEUE).build();
        Binding everyEvent = BindingBuilder.bind(queue).to(events).with("#");
        Binding everyDeadLetter = BindingBuilder.bind(deadLetterQueue).to(deadLetters);
        return new Declarables(events, deadLetters, queue, deadLetterQueue, everyEvent, everyDeadLetter);
    }
}
