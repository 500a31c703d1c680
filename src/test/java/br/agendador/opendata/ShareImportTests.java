package br.agendador.opendata;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import br.agendador.support.Api.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Importing from the Receita's share (a fake Nextcloud over real HTTP): listed with WebDAV,
 * downloaded with a resume after a download stalls half-way through a file, checked, loaded.
 */
class ShareImportTests extends OpenDataTestSupport {

    @org.springframework.beans.factory.annotation.Autowired
    OpenDataImports imports;
    @org.springframework.beans.factory.annotation.Autowired
    br.agendador.platform.background.BackgroundWork work;

    private FakeShare share;
    private Path shareRoot;

    @BeforeEach
    void share() throws Exception {
        shareRoot = dumps.resolve("share");
        SampleDump.first(shareRoot);
        Files.createDirectories(shareRoot.resolve("2026-09"));
        share = new FakeShare(shareRoot);
    }

    @AfterEach
    void closeShare() {
        share.close();
    }

    @Test
    void downloadsTheMonthResumingAStalledDownloadAndImportsIt() throws Exception {
        long size = Files.size(shareRoot.resolve("2026-10/Estabelecimentos0.zip"));
        share.breakNextDownload("Estabelecimentos0.zip", size / 2);

        Response started = startImport(share.url() + "?path=%2F2026-10");

        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        assertThat(started.json().get("month").asString()).isEqualTo("2026-10");
        JsonNode done = awaitEnd(started.json().get("id").asLong());
        assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("SUCCEEDED");
        assertThat(api.get("/api/v1/admin/open-data", admin.accessToken()).json().get("establishments").asLong()).isEqualTo(4);

        List<String> downloads = share.requests().stream().filter(request -> request.contains("Estabelecimentos0.zip")).toList();
        assertThat(downloads).as("the stalled download was given up and resumed where it stopped").containsExactly(
                "GET /public.php/dav/files/" + FakeShare.TOKEN + "/2026-10/Estabelecimentos0.zip",
                "GET /public.php/dav/files/" + FakeShare.TOKEN + "/2026-10/Estabelecimentos0.zip bytes=" + size / 2 + "-");
        assertThat(share.requests()).anyMatch(request -> request.equals("PROPFIND /public.php/webdav/2026-10/"));
        // removed right after the swap commits, which is when the import reads SUCCEEDED
        await().untilAsserted(() -> assertThat(Path.of("target", "test-open-data-downloads", "2026-10"))
                .as("downloads removed once imported").doesNotExist());
    }

    @Test
    void theMonthlyRefreshImportsTheNewestCompleteMonthOnceAndWaitsForAnIncompleteOne() throws Exception {
        MonthlyRefresh refresh = new MonthlyRefresh(imports, refreshing(), work);

        OpenDataImport started = refresh.check().orElseThrow();

        assertThat(started.month()).hasToString("2026-10");
        assertThat(awaitEnd(started.id()).get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(refresh.check()).as("nothing newer than the month served").isEmpty();

        Files.createDirectories(shareRoot.resolve("2026-11"));
        Files.copy(shareRoot.resolve("2026-10/Empresas0.zip"), shareRoot.resolve("2026-11/Empresas0.zip"));
        assertThat(refresh.check()).as("the Receita is still uploading 2026-11").isEmpty();
        assertThat(api.get("/api/v1/admin/open-data", admin.accessToken()).json().get("month").asString()).isEqualTo("2026-10");
    }

    private OpenDataProperties refreshing() {
        return new OpenDataProperties(1000, 2, org.springframework.util.unit.DataSize.ofMegabytes(64), 1,
                Path.of("target", "test-open-data-downloads"), false, 3, java.time.Duration.ofSeconds(2), true,
                java.net.URI.create(share.url()), java.time.Duration.ofDays(1), java.time.Duration.ofSeconds(5));
    }

    @Test
    void aShareAddressWithoutAMonthNamesTheMonthsItHolds() {
        Response noMonth = startImport(share.url());

        assertThat(noMonth.status()).isEqualTo(400);
        assertThat(noMonth.json().get("detail").asString()).contains("month is missing").contains("[2026-09, 2026-10]");
        Response folder = api.post("/api/v1/admin/open-data/imports", Map.of("source", share.url(), "month", "2026-10"),
                admin.accessToken());
        assertThat(folder.status()).as(folder.toString()).isEqualTo(202);
        assertThat(awaitEnd(folder.json().get("id").asLong()).get("status").asString()).isEqualTo("SUCCEEDED");
    }

    @Test
    void refusesAMonthTheShareDoesNotHaveOrHasOnlyInPart() throws Exception {
        Response absent = startImport(share.url() + "?path=/2026-08");
        assertThat(absent.status()).isEqualTo(400);
        assertThat(absent.json().get("detail").asString()).contains("no folder /2026-08");

        Response empty = startImport(share.url() + "?path=/2026-09");
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.json().get("detail").asString()).contains("missing Empresas0.zip");

        Response plainHttp = startImport("http://arquivos.receitafederal.gov.br/index.php/s/" + FakeShare.TOKEN);
        assertThat(plainHttp.status()).isEqualTo(400);
        assertThat(plainHttp.json().get("detail").asString()).contains("https");

        Response notAShare = startImport("https://example.com/dados/cnpj/");
        assertThat(notAShare.status()).isEqualTo(400);
    }
}
