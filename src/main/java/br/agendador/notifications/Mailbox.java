package br.agendador.notifications;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * A user's mails as the in-app mailbox shows them, newest first: for the mailbox API and the
 * web UI's mailbox page. Every method takes the user and sees only that user's mails.
 */
@Repository
public class Mailbox {

    private static final String COLUMNS = "id, subject, text_body, html_body, created_at, read_at, delivery, sent_at";

    private final JdbcClient jdbc;

    Mailbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<Entry> page(long userId, int page, int size) {
        return jdbc.sql("SELECT " + COLUMNS + """
                         FROM mail_outbox
                        WHERE user_id = ?
                        ORDER BY created_at DESC, id DESC
                        LIMIT ? OFFSET ?""")
                .params(userId, size, (long) page * size).query(Mailbox::entry).list();
    }

    public Counts counts(long userId) {
        return jdbc.sql("SELECT count(*) AS total, count(*) FILTER (WHERE read_at IS NULL) AS unread "
                        + "FROM mail_outbox WHERE user_id = ?")
                .param(userId).query((rs, n) -> new Counts(rs.getLong("total"), rs.getLong("unread"))).single();
    }

    public Optional<Entry> find(long userId, long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM mail_outbox WHERE id = ? AND user_id = ?")
                .params(id, userId).query(Mailbox::entry).optional();
    }

    /** Marks the mail read (keeping the first reading time); false when the user has no such mail. */
    public boolean markRead(long userId, long id, Instant now) {
        return jdbc.sql("UPDATE mail_outbox SET read_at = coalesce(read_at, ?) WHERE id = ? AND user_id = ?")
                .params(Timestamp.from(now), id, userId).update() == 1;
    }

    private static Entry entry(ResultSet rs, int row) throws SQLException {
        Timestamp read = rs.getTimestamp("read_at");
        Timestamp sent = rs.getTimestamp("sent_at");
        return new Entry(rs.getLong("id"), rs.getString("subject"), rs.getString("text_body"),
                rs.getString("html_body"), rs.getTimestamp("created_at").toInstant(), read != null,
                rs.getString("delivery"), sent == null ? null : sent.toInstant());
    }

    public record Entry(long id, String subject, String text, @Nullable String html, Instant createdAt, boolean read,
            String delivery, @Nullable Instant sentAt) {
    }

    public record Counts(long total, long unread) {
    }
}
