package br.agendador.platform.async;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.modulith.events.core.EventSerializer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Events stored in the event publication registry are written with the application's JSON
 * mapper, as Spring Modulith's own serializer does; but that one looks the mapper up in the bean
 * factory for every event (about a tenth of the dispatcher's time in a 10,000-job import), and
 * this one is handed it once.
 */
@Configuration(proxyBeanMethods = false)
class EventSerialization {

    @Bean
    EventSerializer eventSerializer(JsonMapper json) {
        return new EventSerializer() {
            @Override
            public Object serialize(Object event) {
                return json.writeValueAsString(event);
            }

            @Override
            public <T> T deserialize(Object serialized, Class<T> type) {
                return json.readerFor(type).readValue(serialized.toString());
            }
        };
    }
}
