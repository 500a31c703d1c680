package br.agendador.notifications;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import br.agendador.users.UserAccount;
import org.springframework.context.MessageSource;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Renders e-mails from the Thymeleaf templates under {@code mail/}: each family of mails
 * ({@code jobs}, {@code digest}) keeps {@code <name>.html} and {@code <name>.txt} and a
 * {@code messages.properties} bundle (Portuguese) with {@code messages_en.properties} beside it in
 * {@code mail/<family>/}; {@code mail/common/} holds the shared layout and words. All text comes
 * from the bundles, in the recipient's language; times are written in the recipient's zone.
 *
 * <p>The engine is private to mails, so the web UI's Thymeleaf set-up (views, message files)
 * stays as Spring Boot configures it.
 */
@Component
public class MailTemplates {

    private static final Pattern BUNDLE = Pattern.compile(".*/(mail/[^/]+/messages)\\.properties$");

    private final MessageSource messages;
    private final SpringTemplateEngine engine;

    MailTemplates() {
        this.messages = messageSource();
        this.engine = new SpringTemplateEngine();
        engine.setTemplateEngineMessageSource(messages);
        engine.setEnableSpringELCompiler(true);
        engine.addTemplateResolver(resolver(TemplateMode.HTML, "*.html", 1));
        engine.addTemplateResolver(resolver(TemplateMode.TEXT, "*.txt", 2));
    }

    /**
     * The mail {@code template} ({@code "jobs/finished"}) for {@code recipient}, whose subject is
     * the message {@code subjectCode} with {@code subjectArgs}. Templates also see
     * {@code recipient} and {@code fmt} (a {@link MailFormat} for the recipient).
     */
    public RenderedMail render(String template, UserAccount recipient, String subjectCode, List<?> subjectArgs,
            Map<String, ?> variables) {
        MailFormat format = format(recipient);
        Context context = new Context(recipient.language().locale());
        context.setVariables(new HashMap<>(variables));
        context.setVariable("recipient", recipient);
        context.setVariable("fmt", format);
        String subject = messages.getMessage(subjectCode, subjectArgs.toArray(), recipient.language().locale());
        return new RenderedMail(subject, tidy(engine.process(template + ".txt", context)),
                engine.process(template + ".html", context));
    }

    /** Text templates may leave blank lines where a block was skipped; a paragraph break is one. */
    private static String tidy(String text) {
        return text.replaceAll("[ \\t]+\n", "\n").replaceAll("\n{3,}", "\n\n").strip() + "\n";
    }

    public MailFormat format(UserAccount recipient) {
        return new MailFormat(recipient.language().locale(), recipient.timeZone(), messages);
    }

    private static ClassLoaderTemplateResolver resolver(TemplateMode mode, String pattern, int order) {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver(MailTemplates.class.getClassLoader());
        resolver.setPrefix("mail/");
        resolver.setTemplateMode(mode);
        resolver.setResolvablePatterns(Set.of(pattern));
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCheckExistence(true);
        resolver.setCacheable(true);
        resolver.setOrder(order);
        return resolver;
    }

    private static MessageSource messageSource() {
        ResourceBundleMessageSource source = new ResourceBundleMessageSource();
        source.setBasenames(bundles().toArray(String[]::new));
        source.setDefaultEncoding("UTF-8");
        // Portuguese is the base file: an English reader must not get the JVM's language instead.
        source.setFallbackToSystemLocale(false);
        return source;
    }

    static List<String> bundles() {
        try {
            Resource[] found = new PathMatchingResourcePatternResolver(MailTemplates.class.getClassLoader())
                    .getResources("classpath*:mail/*/messages.properties");
            List<String> names = new ArrayList<>();
            for (Resource resource : found) {
                Matcher matcher = BUNDLE.matcher(resource.getURL().toString());
                if (matcher.matches() && !names.contains(matcher.group(1))) {
                    names.add(matcher.group(1));
                }
            }
            names.sort(null);
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the mail message bundles", e);
        }
    }
}
