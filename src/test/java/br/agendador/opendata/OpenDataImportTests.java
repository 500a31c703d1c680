package br.agendador.opendata;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import br.agendador.lookup.LocalRegister;
import br.agendador.support.JobRows;
import br.agendador.cnpj.Cnpj;
import br.agendador.dispatch.DispatchDriver;
import br.agendador.support.Api.Response;
import br.agendador.support.Api.Session;
import br.agendador.support.TestClock;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole way: a dump in the official layout imported over the API, a job for one of its CNPJs
 * answered locally with every field, the next month imported and swapped in, and the next job
 * showing what changed; the previous month's tables gone.
 */
class OpenDataImportTests extends OpenDataTestSupport {

    @Autowired
    ApplicationContext context;
    @Autowired
    TestClock clock;
    @Autowired
    DataSource dataSource;

    @Test
    void importsADumpAndAnswersJobsFromItThenSwapsInTheNextMonth() {
        JsonNode first = importAndWait(SampleDump.first(dumps));

        assertThat(first.get("status").asString()).as(first.toString()).isEqualTo("SUCCEEDED");
        assertThat(first.get("month").asString()).isEqualTo("2026-10");
        assertThat(first.get("startedAt").isNull()).isFalse();
        assertThat(first.get("finishedAt").isNull()).isFalse();
        assertThat(first.get("files")).hasSize(37);
        assertThat(first.get("files").valueStream().map(file -> file.get("status").asString())).as(first.toString())
                .containsOnly("LOADED");
        assertThat(first.get("files").get(0).get("name").asString()).isEqualTo("Empresas0.zip");
        // 3 + 1 (after the broken line) companies, 4 establishments, 3 partners, 1 Simples, 18 code rows
        assertThat(first.get("rows").asLong()).isEqualTo(4 + 4 + 3 + 1 + 18);
        assertThat(first.get("rejectedCount").asInt()).isEqualTo(3);
        assertThat(first.get("rejected").valueStream().map(line -> line.get("file").asString() + ":" + line.get("line").asLong()))
                .containsExactlyInAnyOrder(SampleDump.BAD_FIELD_COUNT_FILE + ":2", SampleDump.BROKEN_QUOTES_FILE + ":2",
                        SampleDump.UNCLOSED_QUOTE_FILE + ":2");
        assertThat(first.get("rejected").valueStream().map(line -> line.get("reason").asString()))
                .anySatisfy(reason -> assertThat(reason).contains("5 fields where the layout has 30"))
                .anySatisfy(reason -> assertThat(reason).contains("broken quoting"))
                .anySatisfy(reason -> assertThat(reason).contains("not closed"));
        assertThat(first.get("error").isNull()).isTrue();

        Response served = api.get("/api/v1/admin/open-data", admin.accessToken());
        assertThat(served.status()).isEqualTo(200);
        assertThat(served.json().get("month").asString()).isEqualTo("2026-10");
        assertThat(served.json().get("companies").asLong()).isEqualTo(4);
        assertThat(served.json().get("establishments").asLong()).isEqualTo(4);
        assertThat(served.json().get("partners").asLong()).isEqualTo(3);
        assertThat(served.json().get("simples").asLong()).isEqualTo(1);

        // the dispatcher takes jobs due on the database clock; the test clock stays behind it
        clock.set(Instant.now().minus(Duration.ofDays(3)).truncatedTo(ChronoUnit.SECONDS));
        JobRows.update(jdbc, "status = 'CANCELED' WHERE status = 'SCHEDULED'");
        Session ana = api.newUser();
        DispatchDriver dispatcher = DispatchDriver.of(context);

        JsonNode october = runJob(ana, SampleDump.SUGAR, dispatcher);
        assertThat(october.get("status").asString()).as(october.toString()).isEqualTo("SUCCEEDED");
        JsonNode result = october.get("result");
        assertThat(result.get("source").asString()).isEqualTo("dadosabertos");
        assertThat(result.get("dataAsOf").asString()).isEqualTo("2026-10-01");
        assertThat(result.get("cnpj").asString()).isEqualTo(SampleDump.SUGAR.value());
        assertThat(result.get("legalName").asString()).isEqualTo("AÇÚCAR E ÁLCOOL SÃO PAULO LTDA");
        assertThat(result.get("tradeName").asString()).isEqualTo("DOCES SÃO JOÃO");
        assertThat(result.get("registrationStatus").asString()).isEqualTo("ATIVA");
        assertThat(result.get("registrationStatusDate").asString()).isEqualTo("2005-01-03");
        assertThat(result.get("registrationStatusReason").isNull()).as("SEM MOTIVO is no reason").isTrue();
        assertThat(result.get("openedOn").asString()).isEqualTo("1998-05-12");
        assertThat(result.get("legalNature").asString()).isEqualTo("Sociedade Empresária Limitada");
        assertThat(result.get("mainActivity").get("code").asString()).isEqualTo("1071600");
        assertThat(result.get("mainActivity").get("description").asString()).isEqualTo("Fabricação de açúcar em bruto");
        assertThat(result.get("secondaryActivities").valueStream().map(activity -> activity.get("code").asString()
                + " " + activity.get("description").asString()))
                .containsExactly("4639701 Comércio atacadista de produtos alimentícios em geral",
                        "4637107 Comércio atacadista de chocolates, confeitos, balas, bombons e semelhantes");
        JsonNode address = result.get("address");
        assertThat(address.get("street").asString()).isEqualTo("RUA DAS FLORES");
        assertThat(address.get("number").asString()).isEqualTo("123");
        assertThat(address.get("complement").asString()).as("a ; inside a field, a NUL byte dropped").isEqualTo("SALA 4; FUNDOS");
        assertThat(address.get("district").asString()).isEqualTo("CENTRO");
        assertThat(address.get("city").asString()).isEqualTo("SAO PAULO");
        assertThat(address.get("state").asString()).isEqualTo("SP");
        assertThat(address.get("zipCode").asString()).as("the lost leading zero put back").isEqualTo("01310100");
        assertThat(result.get("phone").asString()).isEqualTo("(11) 3222-1234");
        assertThat(result.get("email").asString()).isEqualTo("contato@acucar.com.br");
        assertThat(result.get("shareCapital").decimalValue()).isEqualByComparingTo("1234567.89");
        assertThat(result.get("size").asString()).isEqualTo("EPP");
        assertThat(result.get("simples").get("optant").asBoolean()).isTrue();
        assertThat(result.get("simples").get("since").asString()).isEqualTo("2007-07-01");
        assertThat(result.get("simples").get("until").isNull()).as("00000000 is no date").isTrue();
        assertThat(result.get("mei").get("optant").asBoolean()).isFalse();
        assertThat(result.get("mei").get("since").isNull()).isTrue();
        assertThat(result.get("partners").valueStream().map(partner -> partner.get("name").asString() + " / "
                + partner.get("role").asString() + " / " + partner.get("since").asString()))
                .containsExactlyInAnyOrder("MARIA DA CONCEIÇÃO / Sócio-Administrador / 2001-02-03",
                        "AÇÚCAR HOLDING S.A. / Sócio / 2005-01-01");
        assertThat(result.get("changes")).isEmpty();

        JsonNode closed = runJob(ana, SampleDump.CLOSED, dispatcher).get("result");
        assertThat(closed.get("registrationStatus").asString()).isEqualTo("BAIXADA");
        assertThat(closed.get("registrationStatusReason").isNull()).as("motivo 32 is not in the Motivos table").isTrue();
        assertThat(closed.get("shareCapital").decimalValue()).isEqualByComparingTo("0");
        assertThat(closed.get("simples").get("optant").asBoolean()).as("not in the Simples file: never opted").isFalse();
        assertThat(closed.get("address").get("street").asString()).isEqualTo("TRAVESSA DA ESPERANÇA");
        assertThat(closed.get("partners")).isEmpty();

        JsonNode alphanumeric = runJob(ana, SampleDump.ALPHANUMERIC, dispatcher).get("result");
        assertThat(alphanumeric.get("source").asString()).isEqualTo("dadosabertos");
        assertThat(alphanumeric.get("legalName").asString()).isEqualTo("NOVA ERA TECNOLOGIA S.A.");
        assertThat(alphanumeric.get("partners").get(0).get("name").asString()).isEqualTo("ANA LIMA");

        // November: the company is INAPTA, has moved, and has a new partner instead of an old one
        JsonNode second = importAndWait(SampleDump.second(dumps));
        assertThat(second.get("status").asString()).as(second.toString()).isEqualTo("SUCCEEDED");
        assertThat(api.get("/api/v1/admin/open-data", admin.accessToken()).json().get("month").asString()).isEqualTo("2026-11");

        JsonNode november = runJob(ana, SampleDump.SUGAR, dispatcher).get("result");
        assertThat(november.get("dataAsOf").asString()).isEqualTo("2026-11-01");
        assertThat(november.get("registrationStatus").asString()).isEqualTo("INAPTA");
        assertThat(november.get("changes").valueStream().map(change -> change.get("field").asString()))
                .contains("registrationStatus", "registrationStatusDate", "registrationStatusReason", "address.street",
                        "address.number", "partners");
        assertThat(november.get("changes").valueStream()
                .filter(change -> change.get("field").asString().equals("registrationStatus")).findFirst().orElseThrow()
                .get("to").asString()).isEqualTo("INAPTA");

        List<String> leftovers = jdbc.sql("""
                SELECT tablename FROM pg_tables WHERE schemaname = 'opendata' AND (tablename LIKE '%\\_old' OR tablename LIKE '%\\_load')""")
                .query(String.class).list();
        assertThat(leftovers).as("the previous month's tables are dropped").isEmpty();
        assertThat(tableRows("estabelecimentos")).isEqualTo(4);
    }

    @Test
    void aCnpjMissingFromTheDumpGoesToTheRemoteProviders() {
        importAndWait(SampleDump.first(dumps));
        clock.set(Instant.now().minus(Duration.ofDays(3)).truncatedTo(ChronoUnit.SECONDS));
        JobRows.update(jdbc, "status = 'CANCELED' WHERE status = 'SCHEDULED'");
        Session ana = api.newUser();

        JsonNode job = runJob(ana, SampleDump.ABSENT, DispatchDriver.of(context));

        assertThat(job.get("result").isNull()).as("no fake provider knows it: it is not answered locally").isTrue();
        assertThat(job.get("status").asString()).isNotEqualTo("SUCCEEDED");
    }

    /**
     * The first lookup of a month also reads its code tables. With a pool of one connection it
     * must still answer: a lookup that held one connection and asked for another took the whole
     * pool at a start with a burst of jobs, until the pool's timeout (30 s of nothing done).
     */
    @Test
    void theFirstLookupOfAMonthNeedsOneConnection() throws Exception {
        importAndWait(SampleDump.first(dumps));
        HikariConfig config = new HikariConfig();
        dataSource.unwrap(HikariDataSource.class).copyStateTo(config);
        config.setPoolName("one-connection");
        config.setMaximumPoolSize(1);
        config.setConnectionTimeout(1_000);
        try (HikariDataSource one = new HikariDataSource(config)) {
            JdbcClient single = JdbcClient.create(one);
            DumpRegister register = new DumpRegister(single, new ImportRecords(single), JsonMapper.builder().build());

            LocalRegister.Answer answer = register.find(SampleDump.SUGAR);

            assertThat(answer).isInstanceOfSatisfying(LocalRegister.Found.class,
                    found -> assertThat(found.entry().mainActivity().description()).isNotBlank());
        }
    }

    @Test
    void refusesSourcesThatAreNotAWholeDump() {
        Response relative = startImport("receita/2026-11");
        assertThat(relative.status()).isEqualTo(400);
        assertThat(relative.isProblem()).isTrue();
        assertThat(relative.json().get("detail").asString()).contains("absolute");

        Response absent = startImport(dumps.resolve("2026-11").toString());
        assertThat(absent.status()).isEqualTo(400);
        assertThat(absent.json().get("detail").asString()).contains("not a directory");

        Path partial = SampleDump.first(dumps);
        deleteQuietly(partial.resolve("Socios3.zip"));
        deleteQuietly(partial.resolve("Cnaes.zip"));
        Response incomplete = startImport(partial.toString());
        assertThat(incomplete.status()).isEqualTo(400);
        assertThat(incomplete.json().get("detail").asString()).contains("missing Socios3.zip, Cnaes.zip");

        Path unnamed = SampleDump.month(SampleDump.FIRST, false).writeTo(dumps.resolve("receita"));
        Response noMonth = startImport(unnamed.toString());
        assertThat(noMonth.status()).isEqualTo(400);
        assertThat(noMonth.json().get("detail").asString()).contains("month");
        Response named = api.post("/api/v1/admin/open-data/imports", Map.of("source", unnamed.toString(), "month", "2026-13"),
                admin.accessToken());
        assertThat(named.status()).isEqualTo(400);

        Response notAZip = startImport(notAZip().toString());
        assertThat(notAZip.status()).isEqualTo(400);
        assertThat(notAZip.json().get("detail").asString()).contains("Empresas0.zip is not a readable zip");

        assertThat(api.post("/api/v1/admin/open-data/imports", "{\"source\": 12, \"extra\": 1}", admin.accessToken()).status())
                .isEqualTo(400);
        assertThat(api.post("/api/v1/admin/open-data/imports", Map.of("source", ""), admin.accessToken()).status()).isEqualTo(400);
        assertThat(api.get("/api/v1/admin/open-data", admin.accessToken()).status()).as("nothing imported").isEqualTo(404);
        assertThat(api.get("/api/v1/admin/open-data/imports/987654", admin.accessToken()).status()).isEqualTo(404);
        assertThat(api.delete("/api/v1/admin/open-data/imports/987654", admin.accessToken()).status()).isEqualTo(404);
        assertThat(jdbc.sql("SELECT count(*) FROM open_data_imports").query(Long.class).single())
                .as("nothing stored for a refused source").isZero();
    }

    @Test
    void onlyAdministratorsImport() {
        Session user = api.newUser();
        assertThat(api.post("/api/v1/admin/open-data/imports", Map.of("source", "/tmp"), user.accessToken()).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/admin/open-data", user.accessToken()).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/admin/open-data/imports", null).status()).isEqualTo(401);
    }

    private Path notAZip() {
        Path directory = SampleDump.first(dumps.resolve("broken"));
        try {
            Files.writeString(directory.resolve("Empresas0.zip"), "<html>not found</html>");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return directory;
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private JsonNode runJob(Session user, Cnpj cnpj, DispatchDriver dispatcher) {
        Response created = api.post("/api/v1/jobs", Map.of("cnpj", cnpj.formatted(), "priority", 5), user.accessToken());
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        long id = created.json().get("id").asLong();
        assertThat(dispatcher.runDueJobs()).contains(id);
        return api.get("/api/v1/jobs/" + id, user.accessToken()).json();
    }
}
