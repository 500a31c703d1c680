package br.agendador.notifications;

import java.util.List;

import br.agendador.platform.deadletters.DeadLetter;
import br.agendador.platform.deadletters.DeadLetterKind;
import br.agendador.platform.deadletters.DeadLetterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Mails the SMTP server kept refusing (or that could not be made into a message): never sent. */
@Component
class UndeliveredMails implements DeadLetterSource {

    private final JdbcClient jdbc;

    UndeliveredMails(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public DeadLetterKind kind() {
        return DeadLetterKind.MAIL;
    }

    @Override
    public long count() {
        return jdbc.sql("SELECT count(*) FROM mail_outbox WHERE delivery = 'FAILED'").query(Long.class).single();
    }

    @Override
    public List<DeadLetter> newest(int limit) {
        return jdbc.sql("""
                        SELECT id, user_id, message_key, last_error, attempts, coalesce(failed_at, created_at) AS failed_at
                          FROM mail_outbox
                         WHERE delivery = 'FAILED'
                         ORDER BY failed_at DESC, id DESC
                         LIMIT ?""")
                .param(limit)
                .query((rs, n) -> new DeadLetter(DeadLetterKind.MAIL, Long.toString(rs.getLong("id")),
                        rs.getLong("user_id"), rs.getString("message_key"), rs.getString("last_error"),
                        rs.getInt("attempts"), rs.getTimestamp("failed_at").toInstant()))
                .list();
    }
}
