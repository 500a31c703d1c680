package br.agendador.jobs.queue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.function.Function;
import java.util.function.Supplier;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The dispatcher's own small connection pool, so that API traffic can never keep a worker from
 * claiming, finishing or renewing a lease, and short transactions on it.
 *
 * <p>Events are published inside these transactions and Spring Modulith stores them through the
 * application's {@code DataSource}. For the two to commit atomically, each transaction lends its
 * connection to the application's {@code DataSource} for as long as it lasts: code that asks the
 * application's pool for the current connection (the event publication registry, {@code
 * UserAccounts}) gets this one and takes part in this transaction.
 */
final class QueueTransactions implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(QueueTransactions.class);

    private final DataSource appDataSource;
    private final DataSource pool;
    private final @Nullable HikariDataSource ownPool;
    private final JdbcTemplate template;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    QueueTransactions(DataSource appDataSource, int poolSize) {
        this.appDataSource = appDataSource;
        this.ownPool = ownPool(appDataSource, poolSize);
        this.pool = ownPool == null ? appDataSource : ownPool;
        this.template = new JdbcTemplate(pool);
        this.jdbc = JdbcClient.create(template);
        this.transactions = new TransactionTemplate(new JdbcTransactionManager(pool));
    }

    private static @Nullable HikariDataSource ownPool(DataSource appDataSource, int poolSize) {
        HikariDataSource app;
        try {
            app = appDataSource.unwrap(HikariDataSource.class);
        } catch (SQLException e) {
            log.warn("The application's DataSource is not a Hikari pool; the dispatcher shares it");
            return null;
        }
        HikariConfig config = new HikariConfig();
        app.copyStateTo(config);
        config.setPoolName("agendador-dispatch");
        config.setMaximumPoolSize(poolSize);
        config.setMinimumIdle(Math.min(2, poolSize));
        return new HikariDataSource(config);
    }

    /** Runs {@code work} in a transaction of its own on the dispatcher's pool. */
    <T> T inTransaction(Function<JdbcClient, T> work) {
        return transactions.execute(status -> {
            if (ownPool != null) {
                lendConnectionToApplication();
            }
            return work.apply(jdbc);
        });
    }

    /** Runs {@code work} in a transaction of its own on the dispatcher's pool. */
    <T> T inTransaction(Supplier<T> work) {
        return inTransaction(jdbc -> work.get());
    }

    /** Plain JDBC on the current transaction's connection (or a connection of its own outside one). */
    <T> T onConnection(ConnectionCallback<T> work) {
        return template.execute(work);
    }

    /** Single statements outside a transaction. */
    JdbcClient jdbc() {
        return jdbc;
    }

    /**
     * A connection outside the pool, for {@code LISTEN}: notifications arrive on the session that
     * listens, so it must stay open and must not be handed to anyone else.
     */
    Connection openDedicatedConnection() throws SQLException {
        if (ownPool == null) {
            return appDataSource.getConnection();
        }
        Properties properties = new Properties();
        properties.putAll(ownPool.getDataSourceProperties());
        if (ownPool.getUsername() != null) {
            properties.setProperty("user", ownPool.getUsername());
        }
        if (ownPool.getPassword() != null) {
            properties.setProperty("password", ownPool.getPassword());
        }
        properties.setProperty("tcpKeepAlive", "true");
        properties.setProperty("ApplicationName", "agendador-dispatch-listener");
        String url = ownPool.getJdbcUrl();
        return url == null ? ownPool.getConnection() : DriverManager.getConnection(url, properties);
    }

    private void lendConnectionToApplication() {
        Object holder = TransactionSynchronizationManager.getResource(pool);
        TransactionSynchronizationManager.bindResource(appDataSource, holder);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(appDataSource);
            }
        });
    }

    @Override
    public void close() {
        if (ownPool != null) {
            ownPool.close();
        }
    }
}
