package br.agendador.opendata;

import java.net.URI;
import java.time.Duration;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;

import br.agendador.platform.background.BackgroundLoop;
import br.agendador.platform.background.BackgroundWork;
import br.agendador.platform.roles.ConditionalOnRole;
import br.agendador.platform.roles.Roles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;

/**
 * {@code agendador.open-data.auto-import}: in scheduler processes, looks at the Receita's share at
 * start-up and then every {@code check-interval} (a day), and imports the newest month when it is
 * newer than the one served. Several schedulers may look at once: only one import can start.
 * A month that failed is tried again at the next check.
 */
@Component
@ConditionalOnRole(Roles.SCHEDULER)
@ConditionalOnBooleanProperty("agendador.open-data.auto-import")
class MonthlyRefresh extends BackgroundLoop {

    private static final Logger log = LoggerFactory.getLogger(MonthlyRefresh.class);
    private static final Duration AFTER_FAILURE = Duration.ofHours(1);

    private final OpenDataImports imports;
    private final OpenDataProperties properties;

    MonthlyRefresh(OpenDataImports imports, OpenDataProperties properties, BackgroundWork work) {
        super("open-data-refresh", work, BackgroundWork.Options.defaults().afterFailure(AFTER_FAILURE, AFTER_FAILURE));
        this.imports = imports;
        this.properties = properties;
    }

    @Override
    protected Duration runOnce() {
        check();
        return properties.checkInterval();
    }

    /** Starts the import of a newer month, if the share has one; returns it. */
    Optional<OpenDataImport> check() {
        URI share = java.util.Objects.requireNonNull(properties.shareUrl(), "agendador.open-data.share-url");
        ImportSource.Share source = (ImportSource.Share) ImportSource.parse(share.toString());
        List<YearMonth> months = new ReceitaShare(source, properties.downloadTimeout()).months();
        if (months.isEmpty()) {
            log.warn("The open data share at {} holds no month folder", share);
            return Optional.empty();
        }
        YearMonth newest = months.getLast();
        Optional<YearMonth> served = imports.served().map(ServedData::month);
        if (served.isPresent() && !newest.isAfter(served.get()) || imports.active().isPresent()) {
            return Optional.empty();
        }
        try {
            OpenDataImport started = imports.start(share.toString(), newest.toString());
            log.info("The Receita published {}: importing it (import {})", newest, started.id());
            return Optional.of(started);
        } catch (ImportAlreadyRunning another) {
            return Optional.empty();
        } catch (InvalidDump incomplete) {
            // the Receita uploads a month's files over hours: an incomplete folder is looked at again later
            log.info("The open data share's {} is not complete yet: {}", newest, incomplete.getMessage());
            return Optional.empty();
        }
    }
}
