package br.agendador.lookup;

import java.time.Instant;

import br.agendador.cnpj.Cnpj;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Which process is fetching a company right now ({@code company_fetches}), so processes do not
 * fetch the same CNPJ at once. A lease rather than a lock held over the fetch: the fetch may take
 * seconds per provider, and a transaction or connection held that long is how pools run dry. A
 * holder that died stops counting when its lease expires.
 */
@Repository
class FetchLeases {

    private final JdbcClient jdbc;

    FetchLeases(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Takes the lease unless another holder has one that has not expired. */
    boolean tryTake(Cnpj cnpj, String holder, Instant now, Instant expiresAt) {
        return jdbc.sql("""
                INSERT INTO company_fetches (cnpj, holder, expires_at) VALUES (?, ?, ?)
                ON CONFLICT (cnpj) DO UPDATE SET holder = EXCLUDED.holder, expires_at = EXCLUDED.expires_at
                 WHERE company_fetches.expires_at <= ?
                RETURNING holder""")
                .params(cnpj.value(), holder, ProviderState.utc(expiresAt), ProviderState.utc(now))
                .query(String.class).optional().isPresent();
    }

    void release(Cnpj cnpj, String holder) {
        jdbc.sql("DELETE FROM company_fetches WHERE cnpj = ? AND holder = ?").params(cnpj.value(), holder).update();
    }
}
