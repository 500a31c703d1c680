package br.agendador.events;

import java.util.List;

import br.agendador.platform.deadletters.DeadLetter;
import br.agendador.platform.deadletters.DeadLetterKind;
import br.agendador.platform.deadletters.DeadLetterSource;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Event publications in the registry's FAILED state: their listener threw (a broker that did
 * not confirm, a mail that could not be written). {@link FailedPublicationRetry} keeps retrying
 * them, so one stays here only while its cause lasts. The registry keeps no error text; the
 * listener's name says where to look in the logs.
 */
@Component
class FailedPublications implements DeadLetterSource {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    FailedPublications(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Override
    public DeadLetterKind kind() {
        return DeadLetterKind.EVENT;
    }

    @Override
    public long count() {
        return jdbc.sql("SELECT count(*) FROM event_publication WHERE status = 'FAILED'").query(Long.class).single();
    }

    @Override
    public List<DeadLetter> newest(int limit) {
        return jdbc.sql("""
                        SELECT id, listener_id, event_type, serialized_event, coalesce(completion_attempts, 0) AS attempts,
                               coalesce(last_resubmission_date, publication_date) AS failed_at
                          FROM event_publication
                         WHERE status = 'FAILED'
                         ORDER BY failed_at DESC, id DESC
                         LIMIT ?""")
                .param(limit)
                .query((rs, n) -> new DeadLetter(DeadLetterKind.EVENT, rs.getString("id"),
                        userId(rs.getString("serialized_event")),
                        simpleName(rs.getString("event_type")) + " → " + listener(rs.getString("listener_id")),
                        null, rs.getInt("attempts"), rs.getTimestamp("failed_at").toInstant()))
                .list();
    }

    /** Every job and company event carries the user it is about. */
    private @Nullable Long userId(String serialized) {
        try {
            JsonNode user = json.readTree(serialized).get("userId");
            return user != null && user.isIntegralNumber() ? user.asLong() : null;
        } catch (JacksonException unreadable) {
            return null;
        }
    }

    private static String simpleName(String type) {
        return type.substring(type.lastIndexOf('.') + 1);
    }

    /** {@code br.agendador.events.BrokerPublisher.on(br.agendador.jobs.JobEvent)} → {@code BrokerPublisher.on} */
    static String listener(String id) {
        int parameters = id.indexOf('(');
        String method = parameters < 0 ? id : id.substring(0, parameters);
        int methodDot = method.lastIndexOf('.');
        int classDot = methodDot < 0 ? -1 : method.lastIndexOf('.', methodDot - 1);
        return method.substring(classDot + 1);
    }
}
