package br.agendador.support;

import java.util.Arrays;
import java.util.List;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One GreenMail SMTP server for the test JVM, reached through a {@link TcpProxy} so a test can
 * take "the mail server" down and bring it back. Contexts of {@link SmtpIntegrationTest} send
 * their mail here, with short retry pauses.
 */
public final class SmtpServer {

    private static GreenMail greenMail;
    private static TcpProxy proxy;

    private SmtpServer() {
    }

    public static synchronized void start() {
        if (greenMail == null) {
            greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
            greenMail.start();
            proxy = new TcpProxy("127.0.0.1", greenMail.getSmtp().getPort());
            SpringApplication.getShutdownHandlers().add(() -> {
                proxy.close();
                greenMail.stop();
            });
        }
    }

    public static TcpProxy proxy() {
        start();
        return proxy;
    }

    /** Every message received so far for this address. */
    public static List<MimeMessage> receivedBy(String address) {
        start();
        return Arrays.stream(greenMail.getReceivedMessages()).filter(m -> isFor(m, address)).toList();
    }

    private static boolean isFor(MimeMessage message, String address) {
        try {
            Address[] recipients = message.getAllRecipients();
            return recipients != null && Arrays.stream(recipients).anyMatch(a -> a.toString().contains("<" + address + ">")
                    || a.toString().equalsIgnoreCase(address));
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static final class Initializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            start();
            TestPropertyValues.of(
                    "spring.mail.host=127.0.0.1",
                    "spring.mail.port=" + proxy.port(),
                    "spring.mail.properties[mail.smtp.connectiontimeout]=2000",
                    "spring.mail.properties[mail.smtp.timeout]=3000",
                    "agendador.mail.poll-interval=200ms",
                    "agendador.mail.retry-initial=200ms",
                    "agendador.mail.retry-max=1s").applyTo(context);
        }
    }
}
