package br.agendador.dispatch;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the dispatcher runs jobs ({@code agendador.dispatch.*}).
 *
 * @param concurrency jobs one process runs at the same time. Runs are virtual threads that mostly
 *        wait (on a provider, under its rate limit, or on the local register), so a slot costs
 *        a few kilobytes; the default is set where claims and finishes batch well (README, "The
 *        dispatcher", "Concurrency 256 by default")
 * @param maxRunningPerUser while other users have due jobs, no user holds more RUNNING jobs than this
 *        (across all processes); a user alone may use every worker
 * @param maxAttempts tries of one run before a job that keeps failing transiently becomes FAILED
 * @param lease how long a claimed job belongs to its worker without a heartbeat (database clock)
 * @param heartbeat how often a worker renews its leases, and the scheduler looks for expired ones
 * @param pollInterval the longest a worker sleeps without looking at the queue (a safety net: it
 *        normally wakes at the next due time or on a notification)
 * @param lookupTimeout a lookup running longer is abandoned and counts as a transient failure
 * @param retryDelay the first retry waits up to this; each further retry doubles it (full jitter)
 * @param retryMaxDelay the cap of the doubling
 * @param shutdownTimeout on shutdown, how long running jobs may finish before being released
 * @param poolSize database connections of the dispatcher's own pool (apart from the app's)
 * @param autostart whether the dispatcher starts with the application; tests turn it off and
 *        drive it by hand
 */
@ConfigurationProperties("agendador.dispatch")
record DispatchProperties(
        @DefaultValue("256") int concurrency,
        @DefaultValue("2") int maxRunningPerUser,
        @DefaultValue("8") int maxAttempts,
        @DefaultValue("60s") Duration lease,
        @DefaultValue("15s") Duration heartbeat,
        @DefaultValue("30s") Duration pollInterval,
        @DefaultValue("2m") Duration lookupTimeout,
        @DefaultValue("10s") Duration retryDelay,
        @DefaultValue("30m") Duration retryMaxDelay,
        @DefaultValue("20s") Duration shutdownTimeout,
        @DefaultValue("4") int poolSize,
        @DefaultValue("true") boolean autostart) {

    /** Jobs due within this horizon notify sleeping workers (the trigger in V20__dispatch.sql). */
    static final Duration NOTIFY_HORIZON = Duration.ofMinutes(5);

    DispatchProperties {
        require(concurrency >= 1, "concurrency must be at least 1");
        require(maxRunningPerUser >= 1, "max-running-per-user must be at least 1");
        require(maxAttempts >= 1, "max-attempts must be at least 1");
        require(positive(heartbeat) && heartbeat.compareTo(lease) < 0,
                "heartbeat (" + heartbeat + ") must be positive and shorter than the lease (" + lease + ")");
        require(positive(pollInterval) && pollInterval.compareTo(NOTIFY_HORIZON) <= 0,
                "poll-interval must be positive and at most " + NOTIFY_HORIZON.toMinutes()
                        + " minutes (jobs due later than that do not notify workers)");
        require(positive(lookupTimeout), "lookup-timeout must be positive");
        require(positive(retryDelay) && retryMaxDelay.compareTo(retryDelay) >= 0,
                "retry-delay must be positive and retry-max-delay at least retry-delay");
        require(!shutdownTimeout.isNegative(), "shutdown-timeout must not be negative");
        require(poolSize >= 2, "pool-size must be at least 2 (claims and finishes run side by side)");
    }

    private static boolean positive(Duration duration) {
        return duration.compareTo(Duration.ZERO) > 0;
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException("agendador.dispatch: " + message);
        }
    }
}
