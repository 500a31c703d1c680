package br.agendador.users;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class UserRepository {

    private static final String COLUMNS =
            "id, email, name, role, time_zone, locale, daily_digest, job_mails, created_at, password_hash";

    private final JdbcClient jdbc;

    UserRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts the account, or returns empty when the e-mail is already taken. */
    Optional<UserAccount> insert(String email, String name, String passwordHash, Role role, ZoneId zone,
            Language language, Instant now) {
        return jdbc.sql("""
                        INSERT INTO users (email, name, password_hash, role, time_zone, locale, created_at, updated_at)
                        VALUES (:email, :name, :hash, :role, :zone, :locale, :now, :now)
                        ON CONFLICT (email) DO NOTHING
                        RETURNING %s""".formatted(COLUMNS))
                .param("email", email).param("name", name).param("hash", passwordHash)
                .param("role", role.name()).param("zone", zone.getId()).param("locale", language.tag())
                .param("now", Timestamp.from(now))
                .query(UserRepository::account).optional();
    }

    Optional<StoredUser> findByEmail(String email) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM users WHERE email = ?").param(email)
                .query((rs, n) -> new StoredUser(account(rs, n), rs.getString("password_hash"))).optional();
    }

    Optional<UserAccount> findById(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM users WHERE id = ?").param(id)
                .query(UserRepository::account).optional();
    }

    List<UserAccount> findAllWithDigest() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM users WHERE daily_digest ORDER BY id")
                .query(UserRepository::account).list();
    }

    void update(UserAccount account, Instant now) {
        jdbc.sql("""
                        UPDATE users SET name = :name, time_zone = :zone, locale = :locale,
                               daily_digest = :digest, job_mails = :jobMails, updated_at = :now
                        WHERE id = :id""")
                .param("name", account.name()).param("zone", account.timeZone().getId())
                .param("locale", account.language().tag()).param("digest", account.dailyDigest())
                .param("jobMails", account.jobMails().name())
                .param("now", Timestamp.from(now)).param("id", account.id())
                .update();
    }

    void updatePasswordHash(long id, String hash, Instant now) {
        jdbc.sql("UPDATE users SET password_hash = ?, updated_at = ? WHERE id = ?")
                .params(hash, Timestamp.from(now), id).update();
    }

    void promoteToAdmin(long id, Instant now) {
        jdbc.sql("UPDATE users SET role = 'ADMIN', updated_at = ? WHERE id = ?").params(Timestamp.from(now), id).update();
    }

    private static UserAccount account(ResultSet rs, int row) throws SQLException {
        return new UserAccount(rs.getLong("id"), rs.getString("email"), rs.getString("name"),
                Role.valueOf(rs.getString("role")), ZoneId.of(rs.getString("time_zone")),
                Language.parse(rs.getString("locale")).orElse(Language.PT_BR), rs.getBoolean("daily_digest"),
                JobMailChoice.valueOf(rs.getString("job_mails")), rs.getTimestamp("created_at").toInstant());
    }

    record StoredUser(UserAccount account, String passwordHash) {
    }
}
