package br.agendador.jobs.queue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.function.BooleanSupplier;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Tells a worker when a job may have become due sooner than it planned to look: the jobs table's
 * trigger (V20__dispatch.sql) notifies on create, reschedule, retry and release.
 *
 * <p>Notifications arrive only on the session that listens, so this holds a connection of its
 * own, outside any pool. What is announced while it is not listening (before it starts, while it
 * reconnects) is lost, so every (re)connection calls once to look anyway; the worker's timer and
 * slow poll cover everything else.
 */
final class DueJobsListener {

    static final String CHANNEL = "agendador_jobs_due";
    /** One wait for notifications; bounds how long a shutdown waits for this thread. */
    private static final int WAIT_MILLIS = 250;
    /** A connection can die without a word (a dropped network); check it now and then. */
    private static final Duration CHECK_EVERY = Duration.ofSeconds(30);

    private final QueueTransactions transactions;

    DueJobsListener(QueueTransactions transactions) {
        this.transactions = transactions;
    }

    /**
     * Listens until {@code keepGoing} turns false, calling {@code dueSoon} for each notification and
     * once on connecting; throws when the connection fails.
     */
    void listen(BooleanSupplier keepGoing, Runnable dueSoon) throws SQLException {
        try (Connection connection = transactions.openDedicatedConnection()) {
            connection.setAutoCommit(true);
            try (Statement statement = connection.createStatement()) {
                statement.execute("LISTEN " + CHANNEL);
            }
            dueSoon.run();
            PGConnection notifications = connection.unwrap(PGConnection.class);
            long lastCheck = System.nanoTime();
            while (keepGoing.getAsBoolean()) {
                PGNotification[] received = notifications.getNotifications(WAIT_MILLIS);
                if (received != null && received.length > 0) {
                    dueSoon.run();
                }
                if (System.nanoTime() - lastCheck > CHECK_EVERY.toNanos()) {
                    if (!connection.isValid((int) CHECK_EVERY.toSeconds())) {
                        throw new SQLException("The connection listening for due jobs was lost");
                    }
                    lastCheck = System.nanoTime();
                }
            }
        }
    }
}
