package br.agendador;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import br.agendador.support.Broker;
import br.agendador.support.Needed;
import br.agendador.support.TestJobs;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The cluster as real processes, started by {@code scripts/cluster}: one api and two worker
 * processes of the packaged jar on one PostgreSQL (the machine's on 127.0.0.1:5432 when it
 * answers, else the api process's embedded one) and RabbitMQ. 5,000 jobs go in through
 * {@code POST /jobs/bulk}; one worker is killed with SIGKILL while it runs jobs; every job must
 * end SUCCEEDED once. Figures in {@code target/cluster-it/figures.txt}.
 */
class ClusterIT {

    private static final int JOBS = 5_000;
    private static final Path DIR = Path.of("target", "cluster-it");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<String> figures = new ArrayList<>();
    private WireMockServer provider;
    private Map<String, String> environment;
    private String database;

    @AfterEach
    void stopEverything() throws Exception {
        if (environment != null) {
            cluster("stop");
        }
        if (provider != null) {
            provider.stop();
        }
        if (database != null) {
            try (Connection admin = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "")) {
                admin.createStatement().execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            }
        }
        Files.createDirectories(DIR);
        Files.write(DIR.resolve("figures.txt"), figures);
    }

    @Test
    void fiveThousandJobsEndSucceededOnceThoughAWorkerIsKilledMidRun() throws Exception {
        boolean broker = Broker.available();
        if (!broker && Needed.onCi()) {
            throw new AssertionError("CI=true, yet RabbitMQ does not answer on 127.0.0.1:5672");
        }
        Path jar = jar();
        provider = fakeProvider();
        int apiPort = freePort(3);
        environment = new HashMap<>(Map.of("API_PORT", String.valueOf(apiPort), "WORKERS", "2",
                "CLUSTER_DIR", DIR.toAbsolutePath().toString(), "AGENDADOR_JAR", jar.toAbsolutePath().toString(),
                "JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        String jdbcUrl;
        if (answers("127.0.0.1", 5432)) {
            database = "agendador_cluster_" + System.currentTimeMillis();
            try (Connection admin = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "")) {
                admin.createStatement().execute("CREATE DATABASE " + database);
            }
            jdbcUrl = "jdbc:postgresql://127.0.0.1:5432/" + database;
            environment.put("SPRING_DATASOURCE_URL", jdbcUrl);
            environment.put("SPRING_DATASOURCE_USERNAME", "postgres");
            environment.put("SPRING_DATASOURCE_PASSWORD", "");
            figures.add("database: the machine's PostgreSQL, database " + database);
        } else {
            int embedded = freePort(1);
            environment.put("EMBEDDED_DB_PORT", String.valueOf(embedded));
            jdbcUrl = "jdbc:postgresql://127.0.0.1:" + embedded + "/postgres";
            figures.add("database: the api process's embedded PostgreSQL on port " + embedded);
        }
        if (broker) {
            environment.putAll(Map.of("SPRING_RABBITMQ_HOST", Broker.HOST, "SPRING_RABBITMQ_PORT", String.valueOf(Broker.PORT),
                    "SPRING_RABBITMQ_USERNAME", "guest", "SPRING_RABBITMQ_PASSWORD", "guest"));
        } else {
            System.out.println("RabbitMQ is not answering on 127.0.0.1:5672: the cluster runs without it and its"
                    + " messages are not checked");
        }

        long starting = System.nanoTime();
        cluster("start", "--", "--agendador.lookup.providers=brasilapi",
                "--agendador.lookup.brasilapi.base-url=http://127.0.0.1:" + provider.port() + "/brasilapi",
                "--agendador.lookup.brasilapi.rate-limit=0", "--agendador.dispatch.concurrency=32",
                "--agendador.dispatch.lease=10s", "--agendador.dispatch.heartbeat=2s",
                "--agendador.events.retry-interval=5s", "--spring.modulith.events.staleness.check-interval=5s",
                "--spring.modulith.events.staleness.published=60s", "--spring.modulith.events.staleness.processing=60s",
                "--logging.level.root=WARN");
        figures.add(String.format("cluster started (api, then 2 workers, each ready) in %.1f s", seconds(starting)));

        try (SingleConnectionDataSource source = new SingleConnectionDataSource(jdbcUrl, "postgres", "", true)) {
            JdbcClient jdbc = JdbcClient.create(source);
            Messages messages = broker ? new Messages() : null;
            String base = "http://127.0.0.1:" + apiPort;
            String token = signUp(base);
            long user = jdbc.sql("SELECT id FROM users WHERE email LIKE 'cluster-%' ORDER BY id DESC LIMIT 1")
                    .query(Long.class).single();

            Set<String> cnpjs = new LinkedHashSet<>();
            while (cnpjs.size() < JOBS) {
                cnpjs.add(TestJobs.newCnpj());
            }
            long posted = System.nanoTime();
            HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/jobs/bulk"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "text/csv")
                    .POST(HttpRequest.BodyPublishers.ofString("cnpj\n" + String.join("\n", cnpjs) + "\n")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            assertThat(JSON.readTree(created.body()).get("created").asInt()).isEqualTo(JOBS);

            long victim = Long.parseLong(Files.readString(DIR.resolve("worker-1.pid")).strip());
            String victimWorkers = "vm:" + victim + ":%";
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(20)).until(() ->
                    count(jdbc, "SELECT count(*) FROM jobs WHERE user_id = ? AND status = 'SUCCEEDED'", user) >= JOBS / 5
                            && count(jdbc, "SELECT count(*) FROM jobs WHERE status = 'RUNNING' AND worker_id LIKE ?",
                            victimWorkers) > 0);
            ProcessHandle.of(victim).orElseThrow().destroyForcibly(); // SIGKILL
            long killed = System.nanoTime();
            await().atMost(Duration.ofSeconds(10)).until(() -> ProcessHandle.of(victim).map(p -> !p.isAlive()).orElse(true));
            List<Long> orphaned = jdbc.sql("SELECT id FROM jobs WHERE status = 'RUNNING' AND worker_id LIKE ?")
                    .param(victimWorkers).query(Long.class).list();
            long doneAtKill = count(jdbc, "SELECT count(*) FROM jobs WHERE user_id = ? AND status = 'SUCCEEDED'", user);
            figures.add(String.format("worker-1 killed (SIGKILL) %.1f s after the POST, with %d jobs SUCCEEDED and %d"
                    + " RUNNING on it", seconds(posted), doneAtKill, orphaned.size()));

            double[] recovered = new double[1];
            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(100)).until(() -> {
                if (recovered[0] == 0 && !orphaned.isEmpty() && jdbc.sql(
                        "SELECT count(*) FROM jobs WHERE id = ANY (?) AND status = 'SUCCEEDED'")
                        .param(orphaned.toArray(Long[]::new)).query(Long.class).single() == orphaned.size()) {
                    recovered[0] = seconds(killed);
                }
                return count(jdbc, "SELECT count(*) FROM jobs WHERE user_id = ? AND status = 'SUCCEEDED'", user) == JOBS;
            });
            figures.add(String.format("all %,d jobs SUCCEEDED %.1f s after the POST; the killed worker's %d jobs"
                    + " SUCCEEDED again %.1f s after the kill (lease 10 s, heartbeat 2 s)", JOBS, seconds(posted),
                    orphaned.size(), recovered[0]));

            assertThat(jdbc.sql("""
                            SELECT count(*) FROM jobs j WHERE j.user_id = ? AND (SELECT count(*) FROM job_attempts a
                                                                   WHERE a.job_id = j.id AND a.outcome = 'SUCCEEDED') <> 1""")
                    .param(user).query(Long.class).single()).as("jobs without exactly one successful attempt").isZero();
            assertThat(jdbc.sql("""
                            SELECT count(*) FROM job_attempts WHERE job_id = ANY (?) AND outcome = 'LEASE_EXPIRED'""")
                    .param(orphaned.toArray(Long[]::new)).query(Long.class).single())
                    .as("each of the killed worker's jobs was taken back once").isEqualTo(orphaned.size());

            Map<String, Long> fetches = provider.getAllServeEvents().stream()
                    .map(event -> event.getRequest().getUrl().substring("/brasilapi/".length()))
                    .collect(Collectors.groupingBy(cnpj -> cnpj, Collectors.counting()));
            assertThat(fetches.keySet()).containsExactlyInAnyOrderElementsOf(cnpjs);
            Set<String> orphanedCnpjs = Set.copyOf(jdbc.sql("SELECT cnpj FROM jobs WHERE id = ANY (?)")
                    .param(orphaned.toArray(Long[]::new)).query(String.class).list());
            long twice = fetches.entrySet().stream().filter(fetch -> fetch.getValue() > 1).peek(fetch -> {
                assertThat(orphanedCnpjs).as("only a job the killed worker was running is fetched again")
                        .contains(fetch.getKey());
                assertThat(fetch.getValue()).isEqualTo(2);
            }).count();
            figures.add(String.format("fake provider: %,d CNPJs fetched once, %d twice (in flight on the killed worker)",
                    fetches.size() - twice, twice));

            await().atMost(Duration.ofMinutes(3)).until(() -> jdbc.sql(
                    "SELECT count(*) FROM mail_outbox WHERE user_id = ? AND message_key LIKE 'bulk:%:finished'")
                    .param(user).query(Long.class).single() == 1);
            assertThat(jdbc.sql("SELECT message_key FROM mail_outbox WHERE user_id = ? ORDER BY id").param(user)
                    .query(String.class).list()).as("the import's two mails, none per job")
                    .hasSize(2).allMatch(key -> key.matches("bulk:\\d+:(started|finished)"));

            if (messages != null) {
                Set<Long> ids = Set.copyOf(jdbc.sql("SELECT id FROM jobs WHERE user_id = ?").param(user)
                        .query(Long.class).list());
                await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200))
                        .until(() -> messages.succeeded.keySet().containsAll(ids));
                long duplicates = messages.deliveries.get() - messages.succeeded.size();
                messages.succeeded.forEach((job, messageIds) -> assertThat(messageIds)
                        .as("every copy of job %d's job.succeeded has the same message id", job).hasSize(1));
                figures.add(String.format("RabbitMQ: job.succeeded for each of the %,d jobs; %d deliveries were"
                        + " repeats (same message id: sent by the killed worker, not yet marked sent)", ids.size(),
                        duplicates));
                messages.close();
            }
        }
        figures.forEach(System.out::println);
    }

    /** Consumes job.succeeded from the app's exchange on a queue of its own, by job. */
    private static final class Messages implements AutoCloseable {

        final Map<Long, Set<String>> succeeded = new ConcurrentHashMap<>();
        final AtomicInteger deliveries = new AtomicInteger();
        private final com.rabbitmq.client.Connection connection;

        Messages() throws Exception {
            connection = Broker.connect();
            Channel channel = connection.createChannel();
            String queue = channel.queueDeclare("", false, true, true, null).getQueue();
            channel.exchangeDeclare("agendador.events", "topic", true);
            channel.queueBind(queue, "agendador.events", "job.succeeded");
            channel.basicConsume(queue, true, new DefaultConsumer(channel) {
                @Override
                public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
                    long job = JSON.readTree(new String(body, StandardCharsets.UTF_8)).get("jobId").asLong();
                    deliveries.incrementAndGet();
                    succeeded.computeIfAbsent(job, id -> ConcurrentHashMap.newKeySet()).add(properties.getMessageId());
                }
            });
        }

        @Override
        public void close() throws Exception {
            connection.close();
        }
    }

    private String signUp(String base) throws Exception {
        String email = "cluster-" + System.nanoTime() + "@example.com";
        String credentials = "{\"email\":\"" + email + "\",\"password\":\"Str0ng-Passw0rd!\"}";
        HttpResponse<String> registered = post(base + "/api/v1/auth/register",
                "{\"name\":\"Cluster\"," + credentials.substring(1));
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        JsonNode login = JSON.readTree(post(base + "/api/v1/auth/login", credentials).body());
        return login.get("accessToken").asString();
    }

    private HttpResponse<String> post(String url, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private void cluster(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", "scripts/cluster"));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output;
        try (InputStream in = process.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        System.out.print(output);
        assertThat(process.exitValue()).as("scripts/cluster " + String.join(" ", arguments) + ":\n" + output).isZero();
    }

    /** The provider as BrasilAPI answers, for any CNPJ, a little slowly so that runs are in flight. */
    private static WireMockServer fakeProvider() throws IOException {
        WireMockServer server = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort()
                .containerThreads(64).asynchronousResponseEnabled(true).asynchronousResponseThreads(16));
        server.start();
        String body;
        try (InputStream in = ClusterIT.class.getResourceAsStream("/providers/minhareceita/found.json")) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("33000167000101",
                    "{{request.pathSegments.[1]}}");
        }
        server.stubFor(get(urlPathMatching("/brasilapi/.*")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(body).withTransformers("response-template")
                .withFixedDelay(50)));
        return server;
    }

    private static Path jar() throws IOException {
        try (var files = Files.list(Path.of("target"))) {
            Path jar = files.filter(file -> file.getFileName().toString().matches("agendador-cnpj-.*\\.jar"))
                    .findFirst().orElse(null);
            Assumptions.assumeTrue(jar != null, "no packaged jar in target/: run ./mvnw verify (it packages first)");
            return jar;
        }
    }

    /** A port with {@code following - 1} free ones after it (the workers listen on API_PORT + i). */
    private static int freePort(int following) throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            boolean free = port + following < 65_000;
            for (int next = 1; free && next < following; next++) {
                free = !answers("127.0.0.1", port + next);
            }
            if (free) {
                return port;
            }
        }
        throw new IllegalStateException("no free ports");
    }

    private static boolean answers(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new java.net.InetSocketAddress(host, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static long count(JdbcClient jdbc, String sql, Object parameter) {
        return jdbc.sql(sql).param(parameter).query(Long.class).single();
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
