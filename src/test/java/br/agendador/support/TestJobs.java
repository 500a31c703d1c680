package br.agendador.support;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import br.agendador.cnpj.Cnpj;
import br.agendador.cnpj.CompanyChanged;
import br.agendador.cnpj.CompanySnapshot;
import br.agendador.cnpj.CompanySnapshot.Activity;
import br.agendador.cnpj.CompanySnapshot.Address;
import br.agendador.cnpj.FieldChange;
import br.agendador.cnpj.RegistrationStatus;
import br.agendador.jobs.JobFailed;
import br.agendador.jobs.JobNotFound;
import br.agendador.jobs.JobStarted;
import br.agendador.jobs.JobStatus;
import br.agendador.jobs.JobSucceeded;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Jobs for tests of the modules that react to them, written straight into the jobs table (the
 * shared V2 schema) and moved through their states the way the dispatcher does: the row changes
 * and the event is published in one transaction.
 */
public final class TestJobs {

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final JsonMapper json;

    public TestJobs(ApplicationContext context) {
        this.jdbc = context.getBean(JdbcClient.class);
        this.transactions = context.getBean(TransactionTemplate.class);
        this.events = context;
        this.json = context.getBean(JsonMapper.class);
    }

    /** A valid CNPJ nobody else in the test run uses (numeric, random root). */
    public static String newCnpj() {
        String base = String.format("%08d%04d", ThreadLocalRandom.current().nextInt(10_000_000, 99_999_999), 1);
        for (int digits = 0; digits < 100; digits++) {
            String candidate = base + String.format("%02d", digits);
            if (Cnpj.isValid(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no check digits for " + base);
    }

    /** A SCHEDULED job due at {@code scheduledAt}. */
    public long schedule(long userId, String cnpj, @Nullable String label, Instant scheduledAt) {
        return jdbc.sql("""
                        INSERT INTO jobs (user_id, cnpj, status, priority, label, scheduled_at, created_at, updated_at)
                        VALUES (?, ?, 'SCHEDULED', 3, ?, ?, ?, ?) RETURNING id""")
                .params(userId, cnpj, label, ts(scheduledAt), ts(scheduledAt), ts(scheduledAt))
                .query(Long.class).single();
    }

    /** A worker claimed the job: RUNNING, attempt set, JobStarted published. */
    public void start(long jobId, int attempt, Instant at) {
        transactions.executeWithoutResult(tx -> {
            Row row = row(jobId);
            JobRows.update(jdbc, "status = 'RUNNING', attempt = ?, started_at = ?, updated_at = ? WHERE id = ?",
                    attempt, ts(at), ts(at), jobId);
            events.publishEvent(new JobStarted(jobId, row.userId(), row.cnpj(), at, attempt, "test-worker"));
        });
    }

    public void succeed(long jobId, int attempt, Instant at, CompanySnapshot snapshot) {
        transactions.executeWithoutResult(tx -> {
            Row row = row(jobId);
            finish(jobId, JobStatus.SUCCEEDED, at, null, snapshot);
            events.publishEvent(new JobSucceeded(jobId, row.userId(), row.cnpj(), at, attempt, snapshot.source()));
            if (!snapshot.changes().isEmpty()) {
                events.publishEvent(new CompanyChanged(jobId, row.userId(), row.cnpj(), snapshot.changes(), at));
            }
        });
    }

    public void notFound(long jobId, int attempt, Instant at, String detail) {
        transactions.executeWithoutResult(tx -> {
            Row row = row(jobId);
            finish(jobId, JobStatus.NOT_FOUND, at, detail, null);
            events.publishEvent(new JobNotFound(jobId, row.userId(), row.cnpj(), at, attempt, detail));
        });
    }

    public void fail(long jobId, int attempt, Instant at, String error) {
        transactions.executeWithoutResult(tx -> {
            Row row = row(jobId);
            finish(jobId, JobStatus.FAILED, at, error, null);
            events.publishEvent(new JobFailed(jobId, row.userId(), row.cnpj(), at, attempt, error));
        });
    }

    /** A job that already ended at {@code finishedAt}, with no events (for the digest). */
    public long finished(long userId, String cnpj, JobStatus status, Instant finishedAt, @Nullable String label,
            @Nullable CompanySnapshot result, @Nullable String error) {
        long id = schedule(userId, cnpj, label, finishedAt.minusSeconds(120));
        jdbc.sql("UPDATE jobs SET attempt = 1, started_at = ? WHERE id = ?").params(ts(finishedAt.minusSeconds(60)), id)
                .update();
        finish(id, status, finishedAt, error, result);
        return id;
    }

    private void finish(long jobId, JobStatus status, Instant at, @Nullable String error,
            @Nullable CompanySnapshot result) {
        JobRows.update(jdbc, """
                        status = ?, finished_at = ?, updated_at = ?, last_error = ?, result = CAST(? AS jsonb)
                         WHERE id = ?""",
                status.name(), ts(at), ts(at), error, result == null ? null : json.writeValueAsString(result), jobId);
    }

    public String cnpjOf(long jobId) {
        return row(jobId).cnpj();
    }

    private Row row(long jobId) {
        return jdbc.sql("SELECT user_id, cnpj FROM jobs WHERE id = ?").param(jobId)
                .query((rs, n) -> new Row(rs.getLong("user_id"), rs.getString("cnpj"))).single();
    }

    /** A company as a provider would give it, with {@code changes} since the previous lookup. */
    public static CompanySnapshot company(String cnpj, String legalName, RegistrationStatus status,
            List<FieldChange> changes) {
        return new CompanySnapshot(cnpj, legalName, "Fantasia " + legalName.split(" ")[0], status,
                LocalDate.of(2005, 11, 3), null, LocalDate.of(1999, 4, 12), "206-2 - Sociedade Empresária Limitada",
                new Activity("6201501", "Desenvolvimento de programas de computador sob encomenda"), List.of(),
                new Address("Avenida Paulista", "1000", "Conjunto 101", "Bela Vista", "São Paulo", "SP", "01310100"),
                "(11) 3000-0000", "contato@example.com", new BigDecimal("150000.00"), "DEMAIS", null, null, List.of(),
                List.of(), "brasilapi", LocalDate.of(2026, 2, 14), Instant.parse("2026-03-10T12:00:00Z"), changes);
    }

    private static Timestamp ts(Instant instant) {
        return Timestamp.from(instant);
    }

    private record Row(long userId, String cnpj) {
    }
}
