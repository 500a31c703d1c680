package br.agendador.opendata;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The local copy of the Receita's dump ({@code agendador.open-data.*}).
 *
 * @param maxRejected unreadable lines an import tolerates (reported, skipped); one more fails it
 * @param parallelFiles file kinds loaded at the same time (each has its own connection and thread)
 * @param indexMemory {@code maintenance_work_mem} for building each table's index after its load
 * @param indexWorkers PostgreSQL's parallel workers per index build
 * @param downloadDir where files from the share are downloaded, one folder per month
 * @param keepDownloads keep downloaded zips after a successful import (they are 6+ GB)
 * @param downloadAttempts tries per file (each resumes where the last stopped)
 * @param downloadTimeout the longest a download may go without receiving anything
 * @param autoImport look for a new month at {@code share-url} every {@code check-interval} and import it
 * @param shareUrl the Receita's public share ({@code https://arquivos.receitafederal.gov.br/index.php/s/<token>})
 * @param checkInterval how often the monthly refresh looks at the share
 * @param swapLockTimeout the longest the swap waits for lookups in flight before it tries again
 */
@ConfigurationProperties("agendador.open-data")
record OpenDataProperties(
        @DefaultValue("1000") int maxRejected,
        @DefaultValue("2") int parallelFiles,
        @DefaultValue("256MB") DataSize indexMemory,
        @DefaultValue("1") int indexWorkers,
        @DefaultValue("./data/open-data") Path downloadDir,
        @DefaultValue("false") boolean keepDownloads,
        @DefaultValue("5") int downloadAttempts,
        @DefaultValue("60s") Duration downloadTimeout,
        @DefaultValue("false") boolean autoImport,
        @Nullable URI shareUrl,
        @DefaultValue("1d") Duration checkInterval,
        @DefaultValue("5s") Duration swapLockTimeout) {

    OpenDataProperties {
        if (maxRejected < 0) {
            throw new IllegalArgumentException("agendador.open-data.max-rejected must be 0 or more");
        }
        if (parallelFiles < 1) {
            throw new IllegalArgumentException("agendador.open-data.parallel-files must be 1 or more");
        }
        if (autoImport && shareUrl == null) {
            throw new IllegalArgumentException("agendador.open-data.auto-import needs agendador.open-data.share-url: the address "
                    + "of the Receita's public share of the CNPJ dump (https://arquivos.receitafederal.gov.br/index.php/s/...)");
        }
    }

    /** As PostgreSQL reads it. */
    String indexMemorySetting() {
        return indexMemory.toMegabytes() + "MB";
    }
}
