package br.agendador.web;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;
import org.thymeleaf.context.IExpressionContext;
import org.thymeleaf.dialect.AbstractDialect;
import org.thymeleaf.dialect.IExpressionObjectDialect;
import org.thymeleaf.expression.IExpressionObjectFactory;

/**
 * {@code #userTime} in templates: instants shown in the viewer's time zone and language, e.g.
 * {@code ${#userTime.dateTime(job.scheduledAt)}}, and {@code ${#userTime.iso(...)}} for the
 * {@code datetime} attribute of {@code <time>}.
 */
@Component
class UserTimeDialect extends AbstractDialect implements IExpressionObjectDialect {

    static final String NAME = "userTime";

    UserTimeDialect() {
        super("User time");
    }

    @Override
    public IExpressionObjectFactory getExpressionObjectFactory() {
        return new IExpressionObjectFactory() {
            @Override
            public Set<String> getAllExpressionObjectNames() {
                return Set.of(NAME);
            }

            @Override
            public Object buildObject(IExpressionContext context, String expressionObjectName) {
                return new UserTime(LocaleContextHolder.getTimeZone().toZoneId(), context.getLocale());
            }

            @Override
            public boolean isCacheable(String expressionObjectName) {
                return true;
            }
        };
    }

    /** Formats instants for one viewer. */
    public record UserTime(ZoneId zone, Locale locale) {

        public String dateTime(@Nullable Instant instant) {
            return format(instant, DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT));
        }

        public String date(@Nullable Instant instant) {
            return format(instant, DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG));
        }

        /** With the weekday: "quarta-feira, 25 de novembro de 2026". */
        public String fullDate(@Nullable Instant instant) {
            return format(instant, DateTimeFormatter.ofLocalizedDate(FormatStyle.FULL));
        }

        public String time(@Nullable Instant instant) {
            return format(instant, DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT));
        }

        /** The instant in the viewer's zone with its offset, for machines ({@code <time datetime>}). */
        public String iso(@Nullable Instant instant) {
            return instant == null ? "" : format(instant.truncatedTo(ChronoUnit.SECONDS), DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        }

        public @Nullable ZonedDateTime zoned(@Nullable Instant instant) {
            return instant == null ? null : instant.atZone(zone);
        }

        private String format(@Nullable Instant instant, DateTimeFormatter formatter) {
            return instant == null ? "" : formatter.withLocale(locale).withZone(zone).format(instant);
        }
    }
}
