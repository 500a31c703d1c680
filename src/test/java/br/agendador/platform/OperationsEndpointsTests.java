package br.agendador.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import br.agendador.cnpj.Cnpj;
import br.agendador.support.Api;
import br.agendador.support.Api.Response;
import br.agendador.support.IntegrationTest;
import br.agendador.support.ScriptedCompanyLookup;
import br.agendador.support.TestJobs;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** What an operator reads off a running process: its build, and the metrics the dashboard charts. */
@IntegrationTest
class OperationsEndpointsTests {

    private static final Pattern METRIC = Pattern.compile("\\b(agendador_[a-z_]+)");

    @Autowired
    Api api;
    @Autowired
    ScriptedCompanyLookup lookup;

    @Test
    void infoTellsWhichBuildAndCommitTheProcessRuns() {
        Response info = api.get("/actuator/info", null);
        assertThat(info.status()).isEqualTo(200);
        JsonNode build = info.json().get("build");
        assertThat(build.get("artifact").asString()).isEqualTo("agendador-cnpj");
        assertThat(build.get("version").asString()).isNotBlank();
        assertThat(build.get("time").asString()).isNotBlank();
        assertThat(info.json().get("java").get("version").asString()).isNotBlank();
        if (Files.isDirectory(Path.of(".git"))) {
            assertThat(info.json().get("git").get("commit").get("id").asString()).isNotBlank();
        }
    }

    @Test
    void everyMetricTheGrafanaDashboardChartsIsExposed() throws IOException {
        // provider call timers appear with the first call: one through the real providers (the fakes)
        lookup.lookup(new Cnpj(TestJobs.newCnpj()));
        JsonNode dashboard = JsonMapper.builder().build()
                .readTree(Files.readString(Path.of("ops", "grafana", "agendador-cnpj.json")));
        Set<String> charted = new TreeSet<>();
        for (JsonNode panel : dashboard.get("panels")) {
            for (JsonNode target : panel.get("targets")) {
                Matcher names = METRIC.matcher(target.get("expr").asString());
                while (names.find()) {
                    charted.add(names.group(1));
                }
            }
        }
        assertThat(charted).as("the dashboard's metrics").hasSizeGreaterThanOrEqualTo(15);

        Response scrape = api.send("GET", "/actuator/prometheus", null, null, null, Map.of("Accept", "text/plain"));
        assertThat(scrape.status()).isEqualTo(200);
        Set<String> exposed = scrape.body().lines().filter(line -> line.startsWith("agendador_"))
                .map(line -> line.split("[{ ]", 2)[0]).collect(Collectors.toSet());
        assertThat(exposed).containsAll(charted);
    }
}
