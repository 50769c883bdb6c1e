package dev.seva.consumer;

import io.smallrye.mutiny.Uni;
import org.apache.kafka.common.errors.RetriableException;

import java.io.InterruptedIOException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeoutException;

/**
 * Failures of what a consumer stands on (PostgreSQL restarting, a connection dropped, a timeout, the broker
 * unreachable, anything marked {@link WaitFor}), as opposed to a record that cannot be handled. A consumer
 * retries these until they are over, holding its partition (order per citizen is kept), and never
 * dead-letters the record: a citizen's message must not be parked because the database restarted.
 *
 * <p>Recognised by type wherever there is one: an SQLSTATE ({@link SqlStates}), the JDK's connection and
 * timeout exceptions, Kafka's {@link RetriableException}, the reactive SQL client's closed connection (by
 * class name: this module does not depend on Vert.x). Only Vert.x's plain {@code VertxException} for a
 * closed connection or pool has no type of its own, and is recognised by its message.
 */
public final class InfrastructureFailures {

    /** How long a consumer waits for its database before it gives up and fails its channel (the record stays uncommitted). */
    public static final Duration PATIENCE = RetryPolicy.DEFAULT.patience();
    public static final Duration FIRST_BACKOFF = RetryPolicy.DEFAULT.waitFirstBackoff();
    public static final Duration MAX_BACKOFF = RetryPolicy.DEFAULT.waitMaxBackoff();

    private InfrastructureFailures() {
    }

    /**
     * Re-subscribes while the failure is an infrastructure one, with backoff, for up to {@link #PATIENCE};
     * other failures pass through at once. Use with {@code Uni.plug}.
     */
    public static <T> Uni<T> retryWhileDown(Uni<T> work) {
        return RetryPolicy.DEFAULT.retryWhileDown(work);
    }

    public static boolean isInfrastructure(Throwable failure) {
        if (Causes.find(failure, UnprocessableRecord.class) != null) {
            // The record's own fault, whatever it wraps: dead-lettered, not waited for.
            return false;
        }
        for (Throwable t : Causes.of(failure)) {
            if (isInfrastructureItself(t)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isInfrastructureItself(Throwable t) {
        if (t instanceof WaitFor) {
            return true;
        }
        String state = SqlStates.own(t);
        if (state != null) {
            return SqlStates.isInfrastructure(state);
        }
        // ConnectException, NoRouteToHostException and Netty's connect timeouts are SocketExceptions; a read
        // timeout is an InterruptedIOException (SocketTimeoutException); the JDK HTTP client's timeouts too.
        if (t instanceof SocketException || t instanceof InterruptedIOException || t instanceof HttpTimeoutException
                || t instanceof UnknownHostException || t instanceof ClosedChannelException) {
            return true;
        }
        // Vert.x's pool and request timeouts (NoStackTraceTimeoutException) are TimeoutExceptions.
        if (t instanceof TimeoutException) {
            return true;
        }
        // Kafka: the broker or a partition leader not there yet (its TimeoutException, NetworkException, NotLeaderOrFollower…).
        if (t instanceof RetriableException) {
            return true;
        }
        if (Causes.isA(t, "io.vertx.sqlclient.ClosedConnectionException") || Causes.isA(t, "io.vertx.core.http.HttpClosedException")) {
            return true;
        }
        // No type of its own: Vert.x reports "Connection closed", "Connection was closed", "Pool closed" as a plain VertxException.
        return Causes.isA(t, "io.vertx.core.VertxException") && t.getMessage() != null
                && t.getMessage().toLowerCase(Locale.ROOT).contains("closed");
    }
}
