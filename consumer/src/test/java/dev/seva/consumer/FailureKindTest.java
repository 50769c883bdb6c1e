package dev.seva.consumer;

import io.vertx.core.VertxException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The platform's one classification of failures (what a consumer retries, waits for, or dead-letters), tried
 * with the exceptions the drivers and clients really throw, bare and wrapped the way Hibernate Reactive and
 * the futures wrap them.
 */
class FailureKindTest {

    @ParameterizedTest(name = "SQLSTATE {0} is {1}")
    @CsvSource({
            "23505, TRANSIENT",        // unique violation: a concurrent first delivery took the key; the retry sees its row
            "40001, TRANSIENT",        // serialization failure
            "40P01, TRANSIENT",        // deadlock detected
            "08006, INFRASTRUCTURE",   // connection failure
            "57P01, INFRASTRUCTURE",   // terminating connection due to administrator command (a restart)
            "57P03, INFRASTRUCTURE",   // the database system is starting up
            "53300, INFRASTRUCTURE",   // too many connections
            "23502, UNEXPECTED",       // not-null violation: a bug or data we did not foresee
            "22001, UNEXPECTED"})      // value too long
    void aPostgresqlFailureIsClassifiedByItsSqlState(String sqlState, FailureKind expected) {
        PgException failure = new PgException("message of " + sqlState, "ERROR", sqlState, null);

        assertThat(FailureKind.of(failure)).isEqualTo(expected);
        // As Hibernate Reactive and a future hand it over: the SQLSTATE is found under the wrappers.
        assertThat(FailureKind.of(new CompletionException(new RuntimeException("HR000057: failed to execute", failure)))).isEqualTo(expected);
    }

    @Test
    void aJdbcFailureIsClassifiedByItsSqlStateToo() {
        assertThat(FailureKind.of(new RuntimeException(new SQLException("could not serialize access", "40001")))).isEqualTo(FailureKind.TRANSIENT);
        assertThat(FailureKind.of(new SQLException("the connection attempt failed", "08001"))).isEqualTo(FailureKind.INFRASTRUCTURE);
    }

    @Test
    void aMessageThatMerelyMentionsAnSqlStateIsNotClassifiedByIt() {
        // Tried: the texts the copies used to match on. Without a type carrying the SQLSTATE, they are unexpected (a few tries, then
        // dead-lettered), and a number in a message ("value 108006 out of range") cannot make the pipeline wait.
        assertThat(FailureKind.of(new RuntimeException("ERROR: duplicate key value violates unique constraint (23505)"))).isEqualTo(FailureKind.UNEXPECTED);
        assertThat(FailureKind.of(new RuntimeException("value 108006 out of range"))).isEqualTo(FailureKind.UNEXPECTED);
        assertThat(FailureKind.of(new IllegalStateException("Connection reset? no: a bug"))).isEqualTo(FailureKind.UNEXPECTED);
    }

    @Test
    void aConnectionRefusedOrTimedOutIsWaitedFor() {
        assertThat(FailureKind.of(new ConnectException("Connection refused: localhost/127.0.0.1:15432"))).isEqualTo(FailureKind.INFRASTRUCTURE);
        assertThat(FailureKind.of(new CompletionException(new SocketTimeoutException("Read timed out")))).isEqualTo(FailureKind.INFRASTRUCTURE);
        assertThat(FailureKind.of(new RuntimeException(new java.util.concurrent.TimeoutException()))).isEqualTo(FailureKind.INFRASTRUCTURE);
    }

    @Test
    void aBrokerThatDoesNotAnswerIsWaitedFor() {
        assertThat(FailureKind.of(new org.apache.kafka.common.errors.TimeoutException("Topic not present in metadata after 60000 ms.")))
                .isEqualTo(FailureKind.INFRASTRUCTURE);
        assertThat(FailureKind.of(new CompletionException(new org.apache.kafka.common.errors.NotLeaderOrFollowerException("moved"))))
                .isEqualTo(FailureKind.INFRASTRUCTURE);
    }

    @Test
    void aClosedConnectionOfTheReactiveClientIsWaitedFor() {
        assertThat(FailureKind.of(ClosedConnectionException.INSTANCE)).isEqualTo(FailureKind.INFRASTRUCTURE);
        // Vert.x has no type for these: recognised by the message of its plain VertxException, and only of that type.
        assertThat(FailureKind.of(new VertxException("Connection closed"))).isEqualTo(FailureKind.INFRASTRUCTURE);
        assertThat(FailureKind.of(new CompletionException(new VertxException("Pool closed")))).isEqualTo(FailureKind.INFRASTRUCTURE);
        assertThat(FailureKind.of(new VertxException("Request body too large"))).isEqualTo(FailureKind.UNEXPECTED);
        assertThat(FailureKind.of(new IllegalStateException("Connection closed"))).isEqualTo(FailureKind.UNEXPECTED);
    }

    @Test
    void anUnprocessableRecordIsDeadLetteredEvenWhenWrapped() {
        assertThat(FailureKind.of(new CompletionException(new UnprocessableRecord("unknown application")))).isEqualTo(FailureKind.UNPROCESSABLE);
        // A service's own kind of unprocessable record (document-service's, conversation's) is one too.
        assertThat(FailureKind.of(new RuntimeException(new UnprocessableRecord("cross-department: …") {
        }))).isEqualTo(FailureKind.UNPROCESSABLE);
    }

    @Test
    void whatAServiceMarksWaitForIsWaitedForAndNeverDeadLettered() {
        assertThat(FailureKind.of(new SigningTokenLost())).isEqualTo(FailureKind.INFRASTRUCTURE);
        assertThat(FailureKind.of(new CompletionException(new SigningTokenLost()))).isEqualTo(FailureKind.INFRASTRUCTURE);
        assertThat(InfrastructureFailures.isInfrastructure(new SigningTokenLost())).isTrue();
    }

    @Test
    void aBugIsUnexpected() {
        assertThat(FailureKind.of(new NullPointerException())).isEqualTo(FailureKind.UNEXPECTED);
        assertThat(FailureKind.of(new IllegalStateException("a bug"))).isEqualTo(FailureKind.UNEXPECTED);
        assertThat(FailureKind.of(new CompletionException(new NullPointerException("x is null")))).isEqualTo(FailureKind.UNEXPECTED);
    }

    @Test
    void aCauseChainThatLoopsIsClassifiedAndDoesNotHang() {
        RuntimeException outer = new RuntimeException("outer");
        RuntimeException inner = new RuntimeException("inner", outer);
        outer.initCause(inner);

        assertThat(FailureKind.of(outer)).isEqualTo(FailureKind.UNEXPECTED);
    }

    /** What a service would mark: the signing token (an HSM) lost, as document-service's SignatureFailed. */
    static final class SigningTokenLost extends RuntimeException implements WaitFor {
        SigningTokenLost() {
            super("The document could not be signed: the token is not there");
        }
    }
}
