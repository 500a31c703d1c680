package br.agendador.digest;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Which user had the digest of which local date handled: the exactly-once key. */
@Repository
class DigestRecords {

    private final JdbcClient jdbc;

    DigestRecords(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Claims the digest of {@code date} for the user. A second scheduler claiming the same one
     * waits for the first one's transaction and then gets false.
     */
    boolean claim(long userId, LocalDate date, Instant now) {
        return jdbc.sql("""
                        INSERT INTO digests (user_id, local_date, jobs, created_at) VALUES (?, ?, 0, ?)
                        ON CONFLICT (user_id, local_date) DO NOTHING""")
                .params(userId, Date.valueOf(date), Timestamp.from(now)).update() == 1;
    }

    void recordJobs(long userId, LocalDate date, int jobs) {
        jdbc.sql("UPDATE digests SET jobs = ? WHERE user_id = ? AND local_date = ?")
                .params(jobs, userId, Date.valueOf(date)).update();
    }

    /** The digests handled for dates in {@code [from, to]}. */
    Set<Handled> handledBetween(LocalDate from, LocalDate to) {
        return new HashSet<>(jdbc.sql("SELECT user_id, local_date FROM digests WHERE local_date BETWEEN ? AND ?")
                .params(Date.valueOf(from), Date.valueOf(to))
                .query((rs, n) -> new Handled(rs.getLong("user_id"), rs.getDate("local_date").toLocalDate()))
                .list());
    }

    int forgetBefore(LocalDate date) {
        return jdbc.sql("DELETE FROM digests WHERE local_date < ?").param(Date.valueOf(date)).update();
    }

    record Handled(long userId, LocalDate date) {
    }
}
