package dev.seva.outbox;

import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;

class InfrastructureFailuresTest {

    @Test
    void aDatabaseThatIsDownOrRestartingIsInfrastructure() {
        assertThat(InfrastructureFailures.isInfrastructure(new CompletionException(new ConnectException("Connection refused: localhost/127.0.0.1:15432")))).isTrue();
        assertThat(InfrastructureFailures.isInfrastructure(new IllegalStateException("FATAL: terminating connection due to administrator command (57P01)"))).isTrue();
        assertThat(InfrastructureFailures.isInfrastructure(new RuntimeException("FATAL: the database system is starting up (57P03)"))).isTrue();
        assertThat(InfrastructureFailures.isInfrastructure(new RuntimeException("connection failure (08006)"))).isTrue();
    }

    @Test
    void aRecordThatCannotBeHandledIsNot() {
        assertThat(InfrastructureFailures.isInfrastructure(new IllegalArgumentException("breaks its contract: /citizenRef pattern"))).isFalse();
        assertThat(InfrastructureFailures.isInfrastructure(new IllegalStateException("duplicate key value violates unique constraint (23505)"))).isFalse();
        assertThat(InfrastructureFailures.isInfrastructure(new RuntimeException("value 108006 out of range"))).isFalse();
    }
}
