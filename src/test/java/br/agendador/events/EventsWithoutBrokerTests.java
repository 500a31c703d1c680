package br.agendador.events;

import br.agendador.support.Api;
import br.agendador.support.Api.Response;
import br.agendador.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/** With no spring.rabbitmq.host (the shared test context) nothing of RabbitMQ is set up. */
@IntegrationTest
class EventsWithoutBrokerTests {

    @Autowired
    ApplicationContext context;
    @Autowired
    Api api;

    @Test
    void noBrokerNoConnectionAndAHealthyApp() {
        assertThat(context.getBeanNamesForType(ConnectionFactory.class)).isEmpty();
        assertThat(context.getBeanNamesForType(RabbitTemplate.class)).isEmpty();
        assertThat(context.getBeanNamesForType(BrokerPublisher.class)).isEmpty();
        assertThat(context.getBeanNamesForType(FailedPublicationRetry.class)).hasSize(1);

        Response health = api.get("/actuator/health", null);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("status").asString()).isEqualTo("UP");
        assertThat(health.json().get("components").has("rabbit")).isFalse();
    }
}
