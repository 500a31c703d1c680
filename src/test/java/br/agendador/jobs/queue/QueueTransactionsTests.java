package br.agendador.jobs.queue;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import br.agendador.support.IntegrationTest;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The queue's transactions run on its own pool, yet what the rest of the application writes
 * through its DataSource inside them (Spring Modulith's event publications, through a
 * {@code @Transactional} repository) commits or rolls back with them.
 */
@IntegrationTest
class QueueTransactionsTests {

    QueueTransactions transactions;
    @Autowired
    DataSource appDataSource;
    @Autowired
    PlatformTransactionManager appTransactions;

    @Autowired
    void queue(JobQueue queue) {
        this.transactions = queue.transactions();
    }

    @Test
    void keepsWorkingWhenTheApplicationsPoolIsExhausted() throws Exception {
        HikariDataSource app = appDataSource.unwrap(HikariDataSource.class);
        List<Connection> taken = new ArrayList<>();
        try {
            // every connection the pool can give (background work may hold a few of them meanwhile)
            while (app.getHikariPoolMXBean().getIdleConnections() > 0
                    || app.getHikariPoolMXBean().getTotalConnections() < app.getMaximumPoolSize()) {
                taken.add(app.getConnection());
            }
            assertThat(app.getHikariPoolMXBean().getActiveConnections()).isEqualTo(app.getMaximumPoolSize());

            Integer answer = transactions.inTransaction(jdbc -> jdbc.sql("SELECT 1").query(Integer.class).single());
            assertThat(answer).isEqualTo(1);
        } finally {
            for (Connection connection : taken) {
                connection.close();
            }
        }
    }

    @Test
    void theApplicationsDataSourceJoinsTheTransaction() {
        JdbcClient app = JdbcClient.create(appDataSource);

        transactions.inTransaction(jdbc -> {
            int dispatchSession = jdbc.sql("SELECT pg_backend_pid()").query(Integer.class).single();
            int appSession = app.sql("SELECT pg_backend_pid()").query(Integer.class).single();
            int appInItsOwnTransaction = new TransactionTemplate(appTransactions)
                    .execute(status -> app.sql("SELECT pg_backend_pid()").query(Integer.class).single());
            assertThat(appSession).isEqualTo(dispatchSession);
            assertThat(appInItsOwnTransaction).as("a @Transactional repository takes part").isEqualTo(dispatchSession);
            return null;
        });

        int outside = app.sql("SELECT pg_backend_pid()").query(Integer.class).single();
        int dispatchOutside = transactions.jdbc().sql("SELECT pg_backend_pid()").query(Integer.class).single();
        assertThat(outside).as("lent only for the transaction").isNotEqualTo(dispatchOutside);
    }

    @Test
    void whatTheApplicationWroteRollsBackWithIt() {
        JdbcClient app = JdbcClient.create(appDataSource);
        String name = "dispatch-test-" + UUID.randomUUID();

        assertThatThrownBy(() -> transactions.inTransaction(jdbc -> {
            new TransactionTemplate(appTransactions).executeWithoutResult(status -> app.sql(
                    "INSERT INTO app_secrets (name, value, created_at) VALUES (?, 'x', now())").param(name).update());
            throw new IllegalStateException("the state change failed");
        })).hasMessage("the state change failed");

        assertThat(app.sql("SELECT count(*) FROM app_secrets WHERE name = ?").param(name).query(Long.class).single())
                .isZero();
    }
}
