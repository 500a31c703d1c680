package br.agendador.notifications;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

import br.agendador.users.UserAccount;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Where every e-mail is written before it goes anywhere. Writing joins the caller's transaction,
 * so a mail exists exactly when the change it reports committed; the message key makes writing
 * idempotent, so an event handled twice still gives one mail. With SMTP configured the mail is
 * then sent by the background sender; without, it stays in the user's in-app mailbox.
 */
@Service
public class MailOutbox {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final @Nullable SmtpDelivery smtp;
    private final String messageIdDomain;

    MailOutbox(JdbcClient jdbc, Clock clock, MailSettings settings, ObjectProvider<SmtpDelivery> smtp) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.smtp = smtp.getIfAvailable();
        this.messageIdDomain = domainOf(settings.from());
    }

    /**
     * Writes the mail unless one with this key exists.
     *
     * @param key what the mail is about, unique for good ({@code digest:7:2026-11-25})
     * @return whether it was written now
     */
    @Transactional
    public boolean enqueue(String key, UserAccount recipient, RenderedMail mail) {
        return insert(key, recipient, mail, null, null);
    }

    @Transactional
    boolean enqueueAboutJob(String key, UserAccount recipient, RenderedMail mail, long jobId, int attempt) {
        return insert(key, recipient, mail, jobId, attempt);
    }

    /** Whether a mail with this key was written (it may be sent, kept in the app or expired since). */
    boolean exists(String key) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM mail_outbox WHERE message_key = ?)").param(key)
                .query(Boolean.class).single();
    }

    /** The key of the last mail about the job written for an attempt before {@code attempt}. */
    Optional<String> lastJobMailBefore(long jobId, int attempt) {
        return jdbc.sql("""
                        SELECT message_key FROM mail_outbox
                         WHERE job_id = ? AND job_attempt < ?
                         ORDER BY job_attempt DESC, id DESC
                         LIMIT 1""")
                .params(jobId, attempt).query(String.class).optional();
    }

    private boolean insert(String key, UserAccount recipient, RenderedMail mail, @Nullable Long jobId,
            @Nullable Integer attempt) {
        String delivery = smtp == null ? "IN_APP" : "PENDING";
        int inserted = jdbc.sql("""
                        INSERT INTO mail_outbox (message_key, message_id, user_id, job_id, job_attempt, recipient,
                                                 recipient_name, subject, text_body, html_body, created_at, delivery,
                                                 next_attempt_at)
                        VALUES (:key, :messageId, :userId, :jobId, :attempt, :recipient, :name, :subject, :text, :html,
                                :createdAt, :delivery, CASE WHEN :delivery = 'PENDING' THEN now() END)
                        ON CONFLICT (message_key) DO NOTHING""")
                .param("key", key).param("messageId", messageId(key)).param("userId", recipient.id())
                .param("jobId", jobId).param("attempt", attempt).param("recipient", recipient.email())
                .param("name", recipient.name()).param("subject", mail.subject()).param("text", mail.text())
                .param("html", mail.html()).param("createdAt", Timestamp.from(clock.instant()))
                .param("delivery", delivery)
                .update();
        if (inserted == 1 && smtp != null) {
            wakeSenderAfterCommit(smtp);
        }
        return inserted == 1;
    }

    /** {@code <job.42.started.1.5f0c...@example.com>}: readable, and unique across installations. */
    private String messageId(String key) {
        return "<" + key.replaceAll("[^A-Za-z0-9-]", ".") + "." + UUID.randomUUID() + "@" + messageIdDomain + ">";
    }

    private static void wakeSenderAfterCommit(SmtpDelivery smtp) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    smtp.wake();
                }
            });
        } else {
            smtp.wake();
        }
    }

    static InternetAddress parseFrom(String from) {
        try {
            return new InternetAddress(from, true);
        } catch (AddressException e) {
            throw new IllegalStateException("agendador.mail.from is not an e-mail address: '" + from + "' ("
                    + e.getMessage() + ")", e);
        }
    }

    private static String domainOf(String from) {
        String address = parseFrom(from).getAddress();
        return address.substring(address.lastIndexOf('@') + 1);
    }
}
