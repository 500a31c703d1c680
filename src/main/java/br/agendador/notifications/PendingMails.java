package br.agendador.notifications;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SMTP sender's queue: the outbox rows still PENDING. Claims use the database clock and
 * {@code SKIP LOCKED}, so any number of processes may send side by side and a mail is taken by
 * one of them at a time; a claim is a lease that expires if its sender dies mid-send.
 */
@Repository
class PendingMails {

    /** Longest error text kept, enough for an SMTP reply. */
    private static final int ERROR_LENGTH = 1000;

    private final JdbcClient jdbc;

    PendingMails(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Takes up to {@code limit} due mails, oldest first, for {@code lease}. */
    List<PendingMail> claim(int limit, Duration lease) {
        return jdbc.sql("""
                        WITH due AS MATERIALIZED (
                            SELECT id FROM mail_outbox
                             WHERE delivery = 'PENDING' AND next_attempt_at <= now()
                             ORDER BY next_attempt_at, id
                             LIMIT :limit
                               FOR UPDATE SKIP LOCKED)
                        UPDATE mail_outbox m
                           SET next_attempt_at = now() + make_interval(secs => :lease)
                          FROM due
                         WHERE m.id = due.id
                        RETURNING m.id, m.message_id, m.recipient, m.recipient_name, m.subject, m.text_body,
                                  m.html_body, m.created_at, m.attempts""")
                .param("limit", limit).param("lease", seconds(lease))
                .query(PendingMails::mail).list()
                .stream().sorted(Comparator.comparingLong(PendingMail::id)).toList();
    }

    void sent(Collection<Long> ids) {
        if (!ids.isEmpty()) {
            jdbc.sql("""
                            UPDATE mail_outbox
                               SET delivery = 'SENT', sent_at = now(), next_attempt_at = NULL, last_error = NULL
                             WHERE id IN (:ids)""")
                    .param("ids", ids).update();
        }
    }

    /** The server refused this mail: try again after {@code delay}, or give up after {@code maxAttempts}. */
    void refused(long id, String error, Duration delay, int maxAttempts) {
        jdbc.sql("""
                        UPDATE mail_outbox
                           SET attempts = attempts + 1,
                               last_error = :error,
                               delivery = CASE WHEN attempts + 1 >= :max THEN 'FAILED' ELSE 'PENDING' END,
                               next_attempt_at = CASE WHEN attempts + 1 >= :max THEN NULL
                                                      ELSE now() + make_interval(secs => :delay) END,
                               failed_at = CASE WHEN attempts + 1 >= :max THEN now() END
                         WHERE id = :id AND delivery = 'PENDING'""")
                .param("error", truncate(error)).param("max", maxAttempts).param("delay", seconds(delay))
                .param("id", id).update();
    }

    /** The mail cannot be turned into a message at all (a broken address): no retry helps. */
    void unsendable(long id, String error) {
        jdbc.sql("""
                        UPDATE mail_outbox
                           SET attempts = attempts + 1, last_error = ?, delivery = 'FAILED', next_attempt_at = NULL,
                               failed_at = now()
                         WHERE id = ? AND delivery = 'PENDING'""")
                .params(truncate(error), id).update();
    }

    /** The server could not be reached: hand the mails back, due again after {@code delay}. */
    void release(Collection<Long> ids, String error, Duration delay) {
        if (!ids.isEmpty()) {
            jdbc.sql("""
                            UPDATE mail_outbox
                               SET next_attempt_at = now() + make_interval(secs => :delay), last_error = :error
                             WHERE id IN (:ids) AND delivery = 'PENDING'""")
                    .param("delay", seconds(delay)).param("error", truncate(error)).param("ids", ids).update();
        }
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }

    private static String truncate(String error) {
        return error.length() <= ERROR_LENGTH ? error : error.substring(0, ERROR_LENGTH);
    }

    private static PendingMail mail(ResultSet rs, int row) throws SQLException {
        return new PendingMail(rs.getLong("id"), rs.getString("message_id"), rs.getString("recipient"),
                rs.getString("recipient_name"), rs.getString("subject"), rs.getString("text_body"),
                rs.getString("html_body"), rs.getTimestamp("created_at").toInstant(), rs.getInt("attempts"));
    }

    record PendingMail(long id, String messageId, String recipient, String recipientName, String subject,
            String text, @Nullable String html, Instant createdAt, int attempts) {
    }
}
