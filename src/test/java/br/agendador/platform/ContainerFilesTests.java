package br.agendador.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import br.agendador.platform.roles.Roles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * No container engine runs on the build machines, so the container files are checked by reading
 * them: every environment variable the app services set is one of the README's settings (a
 * misspelt key would be silently ignored by the app), the roles are real ones, and the health
 * checks, ports and start order are the ones the README describes.
 */
class ContainerFilesTests {

    /** Variables the JVM or the image reads rather than Spring. */
    private static final Set<String> NOT_SETTINGS = Set.of("JAVA_TOOL_OPTIONS");
    private static final Pattern SETTING_ROW = Pattern.compile("^\\| (`[^|]+`)\\s*\\|", Pattern.MULTILINE);
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    static Map<String, Map<String, Object>> services;
    static List<Pattern> documented;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void read() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(Path.of("compose.yaml")));
        services = (Map<String, Map<String, Object>>) compose.get("services");
        documented = documentedSettings(Files.readString(Path.of("README.md")));
    }

    @Test
    void runsTheDatabaseTheBrokerAMailCatcherOneApiAndTwoWorkers() {
        assertThat(services).containsOnlyKeys("postgres", "rabbitmq", "mailpit", "api", "worker");
        assertThat(services.get("postgres").get("image")).isEqualTo("postgres:18");
        assertThat(services.get("rabbitmq").get("image")).isEqualTo("rabbitmq:4-management");
        assertThat((String) services.get("mailpit").get("image")).startsWith("axllent/mailpit");
        for (String app : List.of("api", "worker")) {
            assertThat(services.get(app).get("build")).as(app + " is built from the Dockerfile").isEqualTo(".");
        }
        assertThat(roles("api")).containsExactly("api");
        assertThat(roles("worker")).containsExactlyInAnyOrder("worker", "scheduler");
        assertThat(map(services.get("worker"), "deploy").get("replicas")).isEqualTo(2);
        assertThat(services.get("api").get("ports")).isEqualTo(List.of("8080:8080"));
        assertThat(services.get("worker")).as("replicas cannot share a host port").doesNotContainKey("ports");
    }

    @Test
    void everyVariableOfTheAppServicesIsADocumentedSetting() {
        for (String app : List.of("api", "worker")) {
            for (String variable : environment(app).keySet()) {
                if (NOT_SETTINGS.contains(variable)) {
                    continue;
                }
                assertThat(documented).as("%s's %s is none of the README's settings", app, variable)
                        .anyMatch(setting -> setting.matcher(variable).matches());
            }
            assertThat(environment(app)).containsKeys("SPRING_DATASOURCE_URL", "SPRING_RABBITMQ_HOST", "SPRING_MAIL_HOST",
                    "AGENDADOR_SECURITY_JWT_SECRET", "AGENDADOR_ROLES");
            assertThat(environment(app).get("SPRING_DATASOURCE_URL")).startsWith("jdbc:postgresql://postgres:5432/");
            assertThat(environment(app).get("SPRING_RABBITMQ_HOST")).isEqualTo("rabbitmq");
            assertThat(environment(app).get("SPRING_MAIL_HOST")).isEqualTo("mailpit");
        }
    }

    @Test
    void aMisspeltSettingWouldBeCaught() {
        assertThat(documented).noneMatch(setting -> setting.matcher("AGENDADOR_DISPATCH_CONCURENCY").matches());
        assertThat(documented).anyMatch(setting -> setting.matcher("AGENDADOR_DISPATCH_CONCURRENCY").matches());
        assertThat(documented).anyMatch(setting -> setting.matcher("AGENDADOR_LOOKUP_BRASILAPI_RATELIMIT").matches());
        assertThat(documented).anyMatch(setting -> setting.matcher("SPRING_DATASOURCE_USERNAME").matches());
    }

    @Test
    void appsStartOnlyOnceTheirServicesAreHealthyAndReportReadiness() {
        for (String app : List.of("api", "worker")) {
            Map<String, Object> dependsOn = map(services.get(app), "depends_on");
            assertThat(dependsOn).containsOnlyKeys("postgres", "rabbitmq", "mailpit");
            dependsOn.values().forEach(condition -> assertThat(condition).isEqualTo(Map.of("condition", "service_healthy")));
            assertThat(String.join(" ", healthcheck(app))).contains("/actuator/health/readiness");
        }
        assertThat(String.join(" ", healthcheck("postgres"))).contains("pg_isready");
        assertThat(String.join(" ", healthcheck("rabbitmq"))).contains("rabbitmq-diagnostics");
        assertThat(String.join(" ", healthcheck("mailpit"))).contains("readyz");
    }

    @Test
    void theImageIsLayeredRunsAsAnOrdinaryUserAndSizesItsHeapToTheContainer() throws IOException {
        String dockerfile = Files.readString(Path.of("Dockerfile"));
        assertThat(dockerfile).contains("-Djarmode=tools", "extract --layers", "USER agendador", "MaxRAMPercentage",
                "HEALTHCHECK", "/actuator/health/readiness", "org.springframework.boot.loader.launch.JarLauncher");
        assertThat(dockerfile.lines().filter(line -> line.startsWith("FROM ")).count()).as("multi-stage").isEqualTo(2);
        String ignored = Files.readString(Path.of(".dockerignore"));
        assertThat(ignored).contains("!src/", "!pom.xml", "src/test/");
    }

    private static List<String> roles(String app) {
        String value = environment(app).get("AGENDADOR_ROLES");
        List<String> roles = Arrays.stream(value.split(",")).map(String::strip).toList();
        assertThatCode(() -> new Roles(Set.copyOf(roles))).doesNotThrowAnyException();
        return roles;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> environment(String app) {
        Map<String, Object> environment = map(services.get(app), "environment");
        return environment.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, entry -> String.valueOf(entry.getValue())));
    }

    @SuppressWarnings("unchecked")
    private static List<String> healthcheck(String service) {
        return ((List<Object>) map(services.get(service), "healthcheck").get("test")).stream().map(String::valueOf)
                .toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        assertThat(parent).containsKey(key);
        return (Map<String, Object>) parent.get(key);
    }

    /**
     * The settings of the README's configuration table, as the environment variables Spring's
     * relaxed binding reads them ({@code agendador.open-data.max-rejected} is
     * {@code AGENDADOR_OPENDATA_MAXREJECTED} or {@code AGENDADOR_OPEN_DATA_MAX_REJECTED});
     * {@code `.port`} continues the row's first
     * setting, and {@code <provider>} is any provider.
     */
    static List<Pattern> documentedSettings(String readme) {
        Set<String> settings = new LinkedHashSet<>();
        Matcher rows = SETTING_ROW.matcher(readme);
        while (rows.find()) {
            String parent = null;
            Matcher codes = CODE.matcher(rows.group(1));
            while (codes.find()) {
                String setting = codes.group(1);
                if (setting.startsWith(".") && parent != null) {
                    settings.add(parent + setting);
                } else if (setting.contains(".")) {
                    settings.add(setting);
                    parent = setting.substring(0, setting.lastIndexOf('.'));
                }
            }
        }
        List<Pattern> patterns = new ArrayList<>();
        for (String setting : settings) {
            // Spring binds both the documented form and the older one with dashes as underscores.
            for (String variable : List.of(setting.replace("-", ""), setting.replace('-', '_'))) {
                String name = variable.replace('.', '_').toUpperCase(Locale.ROOT);
                patterns.add(Pattern.compile(Pattern.quote(name).replace("<PROVIDER>", "\\E[A-Z0-9]+\\Q")));
            }
        }
        assertThat(patterns).as("settings read from the README").hasSizeGreaterThan(50);
        return patterns;
    }
}
