package dev.seva.outbox;

import io.smallrye.mutiny.Uni;

import java.time.Duration;
import java.util.Locale;

/**
 * Failures of what a consumer stands on (PostgreSQL restarting, a connection dropped, a timeout), as
 * opposed to a record that cannot be handled. A consumer retries these until the database is back,
 * holding its partition (order per citizen is kept) and never dead-letters the record: a citizen's
 * message must not be parked because the database restarted.
 */
public final class InfrastructureFailures {

    /** How long a consumer waits for its database before it gives up and fails its channel (the record stays uncommitted). */
    public static final Duration PATIENCE = Duration.ofMinutes(30);
    public static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
    public static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    private static final java.util.regex.Pattern SQL_STATE = java.util.regex.Pattern.compile("\\b(08[0-9a-z]{3}|57p0[123]|53[0-9a-z]{3})\\b");

    private InfrastructureFailures() {
    }

    /**
     * Re-subscribes while the failure is an infrastructure one, with backoff, for up to {@link #PATIENCE};
     * other failures pass through at once. Use with {@code Uni.plug}.
     */
    public static <T> Uni<T> retryWhileDown(Uni<T> work) {
        return work.onFailure(InfrastructureFailures::isInfrastructure).retry()
                .withBackOff(FIRST_BACKOFF, MAX_BACKOFF)
                .expireIn(PATIENCE.toMillis());
    }

    public static boolean isInfrastructure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof java.net.ConnectException || t instanceof java.net.SocketException
                    || t instanceof java.util.concurrent.TimeoutException) {
                return true;
            }
            String name = t.getClass().getName();
            // vault-service unreachable or failing (privacy's VaultClient): infrastructure like the database.
            if (name.equals("dev.seva.privacy.vault.VaultClient$VaultUnavailable")) {
                return true;
            }
            if (name.contains("ClosedConnection") || name.contains("ConnectionException") || name.contains("NoStackTraceTimeoutException")
                    || name.contains("PoolTimeout") || name.contains("VertxException") && String.valueOf(t.getMessage()).contains("closed")) {
                return true;
            }
            String message = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            // PostgreSQL: 08xxx connection exceptions, 57P01-57P03 shutdown / starting up, 53xxx out of resources.
            if (SQL_STATE.matcher(message).find() || message.contains("connection refused") || message.contains("connection reset")
                    || message.contains("connection is closed") || message.contains("connection was closed")
                    || message.contains("terminating connection") || message.contains("the database system is")
                    || message.contains("timed out") || message.contains("timeout")) {
                return true;
            }
        }
        return false;
    }
}
