/**
 * Domain events on RabbitMQ: the job and company events, sent to the topic exchange
 * {@code agendador.events} from the event publication registry (so an event leaves iff its
 * transaction committed, even if the broker was down then), when {@code spring.rabbitmq.host}
 * is set; and the periodic retry of failed event publications, for every listener.
 */
@NullMarked
@ApplicationModule(displayName = "Events")
package br.agendador.events;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
