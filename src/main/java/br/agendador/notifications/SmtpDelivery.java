package br.agendador.notifications;

import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import br.agendador.notifications.PendingMails.PendingMail;
import br.agendador.platform.background.BackgroundLoop;
import br.agendador.platform.background.BackgroundWork;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/**
 * Sends the outbox by SMTP, in every process where {@code spring.mail.host} is set. One loop
 * claims a batch, sends it over one connection and records each mail's fate; a mail is marked
 * SENT only after the server accepted it. An unreachable server pauses the loop with growing
 * waits and costs the mails nothing; a server that refuses one mail makes that mail wait and,
 * after {@code agendador.mail.max-attempts} refusals, gives it up (it stays in the mailbox).
 */
@Component
@ConditionalOnProperty(prefix = "spring.mail", name = "host")
class SmtpDelivery extends BackgroundLoop {

    private static final Logger log = LoggerFactory.getLogger(SmtpDelivery.class);

    private final JavaMailSender sender;
    private final PendingMails pending;
    private final MailSettings settings;
    private final InternetAddress from;
    private int unreachableStreak;

    SmtpDelivery(JavaMailSender sender, PendingMails pending, MailSettings settings, BackgroundWork work) {
        super("mail-delivery", work, BackgroundWork.Options.defaults().afterFailure(settings.pollInterval(), settings.pollInterval()));
        this.sender = sender;
        this.pending = pending;
        this.settings = settings;
        this.from = MailOutbox.parseFrom(settings.from());
    }

    /**
     * Sends one batch of due mails.
     *
     * @return how long to wait before the next pass: none if the batch was full, the poll interval
     *     if the queue ran dry, a growing pause while the server is unreachable
     */
    synchronized Duration deliverDue() {
        List<PendingMail> batch = pending.claim(settings.batchSize(), settings.claimTimeout());
        if (batch.isEmpty()) {
            return settings.pollInterval();
        }
        Map<MimeMessage, PendingMail> messages = new LinkedHashMap<>();
        for (PendingMail mail : batch) {
            try {
                messages.put(message(mail), mail);
            } catch (MessagingException | UnsupportedEncodingException e) {
                log.warn("Mail {} to {} cannot be built and is given up: {}", mail.id(), mail.recipient(), e.getMessage());
                pending.unsendable(mail.id(), e.toString());
            }
        }
        if (messages.isEmpty()) {
            return Duration.ZERO;
        }
        try {
            sender.send(messages.keySet().toArray(MimeMessage[]::new));
            pending.sent(ids(messages.values()));
        } catch (MailSendException e) {
            return recordFailures(messages, e.getFailedMessages(), e);
        } catch (MailException e) {
            return unreachable(ids(messages.values()), e);
        }
        recovered();
        return batch.size() < settings.batchSize() ? settings.pollInterval() : Duration.ZERO;
    }

    private Duration recordFailures(Map<MimeMessage, PendingMail> messages, Map<Object, Exception> failures,
            MailSendException error) {
        if (failures.isEmpty()) {
            return unreachable(ids(messages.values()), error);
        }
        List<Long> sent = new ArrayList<>();
        List<Long> notTried = new ArrayList<>();
        Exception transportError = null;
        for (Map.Entry<MimeMessage, PendingMail> entry : messages.entrySet()) {
            PendingMail mail = entry.getValue();
            Exception failure = failures.get(entry.getKey());
            if (failure == null) {
                sent.add(mail.id());
            } else if (failure instanceof SendFailedException refusal) {
                int refusals = mail.attempts() + 1;
                log.warn("SMTP server refused mail {} to {} (refusal {} of {}): {}", mail.id(), mail.recipient(),
                        refusals, settings.maxAttempts(), refusal.getMessage());
                pending.refused(mail.id(), refusal.toString(), settings.backoff(refusals), settings.maxAttempts());
            } else {
                notTried.add(mail.id());
                transportError = failure;
            }
        }
        pending.sent(sent);
        if (transportError != null) {
            return unreachable(notTried, transportError);
        }
        recovered();
        return Duration.ZERO;
    }

    private Duration unreachable(List<Long> ids, Exception error) {
        unreachableStreak++;
        Duration pause = settings.backoff(unreachableStreak);
        if (unreachableStreak == 1) {
            log.warn("SMTP server unreachable, {} mails wait and are retried with growing pauses: {}", ids.size(),
                    rootMessage(error));
        } else {
            log.debug("SMTP server still unreachable (try {}), next in {}", unreachableStreak, pause);
        }
        pending.release(ids, rootMessage(error), pause);
        return pause;
    }

    private void recovered() {
        if (unreachableStreak > 0) {
            log.info("SMTP server reachable again after {} failed tries", unreachableStreak);
            unreachableStreak = 0;
        }
    }

    private synchronized boolean inPause() {
        return unreachableStreak > 0;
    }

    private MimeMessage message(PendingMail mail) throws MessagingException, UnsupportedEncodingException {
        MimeMessage message = sender.createMimeMessage();
        message.setFrom(from);
        message.setRecipient(Message.RecipientType.TO,
                new InternetAddress(mail.recipient(), mail.recipientName(), StandardCharsets.UTF_8.name()));
        message.setSubject(mail.subject(), StandardCharsets.UTF_8.name());
        message.setSentDate(Date.from(mail.createdAt()));
        // RFC 3834: an automatic message; auto-responders should not answer it.
        message.setHeader("Auto-Submitted", "auto-generated");
        MimeMultipart alternatives = new MimeMultipart("alternative");
        MimeBodyPart text = new MimeBodyPart();
        text.setText(mail.text(), StandardCharsets.UTF_8.name());
        alternatives.addBodyPart(text);
        if (mail.html() != null) {
            MimeBodyPart html = new MimeBodyPart();
            html.setText(mail.html(), StandardCharsets.UTF_8.name(), "html");
            alternatives.addBodyPart(html);
        }
        message.setContent(alternatives);
        // Set last: the sender keeps a Message-ID it finds, so a resent mail is the same message.
        message.setHeader("Message-ID", mail.messageId());
        return message;
    }

    private static List<Long> ids(Iterable<PendingMail> mails) {
        List<Long> ids = new ArrayList<>();
        mails.forEach(mail -> ids.add(mail.id()));
        return ids;
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == error ? String.valueOf(error.getMessage()) : error.getMessage() + ": " + root;
    }

    @Override
    protected Duration runOnce() {
        return deliverDue();
    }

    /** New mails must not cut short the wait for an unreachable server. */
    @Override
    protected boolean wakeable() {
        return !inPause();
    }
}
