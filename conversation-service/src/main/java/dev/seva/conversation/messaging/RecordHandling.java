package dev.seva.conversation.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seva.contracts.ContractValidator;
import dev.seva.contracts.ContractViolation;
import dev.seva.contracts.EventJson;
import dev.seva.outbox.InfrastructureFailures;
import dev.seva.privacy.vault.VaultClient;
import dev.seva.conversation.service.DepartmentUpdates;
import io.smallrye.mutiny.Uni;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * How every consumer of this service processes a record: read and check it against its contract,
 * handle it, retry what can succeed on a second try (a session changed under us by the same citizen's
 * other message, a lost database connection), and dead-letter what cannot.
 */
final class RecordHandling {

    private static final int TRANSIENT_RETRIES = 5;

    private RecordHandling() {
    }

    static <T> Uni<Void> process(ConsumerRecord<String, String> record, Class<T> type, Function<T, Uni<Void>> handler,
                                 DeadLetters deadLetters) {
        T event;
        try {
            event = read(record, type);
        } catch (RuntimeException e) {
            return deadLetters.send(record, e);
        }
        return Uni.createFrom().deferred(() -> handler.apply(event))
                .onFailure(RecordHandling::isTransient).retry().withBackOff(Duration.ofMillis(20), Duration.ofMillis(500)).atMost(TRANSIENT_RETRIES)
                // The database or a connection is down (PostgreSQL restarting): wait for it, holding the
                // partition, rather than park a citizen's message in the dead-letter topic.
                .plug(InfrastructureFailures::retryWhileDown)
                // vault-service is unavailable (restarting, overloaded): as with the database, the record waits for it.
                .onFailure(RecordHandling::isVaultUnavailable).retry()
                .withBackOff(InfrastructureFailures.FIRST_BACKOFF, InfrastructureFailures.MAX_BACKOFF).expireIn(InfrastructureFailures.PATIENCE.toMillis())
                .onFailure(failure -> !InfrastructureFailures.isInfrastructure(failure))
                .recoverWithUni(failure -> deadLetters.send(record, failure));
    }

    static <T> T read(ConsumerRecord<String, String> record, Class<T> type) {
        if (record.value() == null) {
            throw new DepartmentUpdates.Unprocessable("empty record");
        }
        JsonNode json;
        try {
            json = EventJson.mapper().readTree(record.value());
        } catch (Exception e) {
            throw new DepartmentUpdates.Unprocessable("not JSON");
        }
        List<ContractViolation> violations = ContractValidator.instance().validate(record.topic(), json);
        if (!violations.isEmpty()) {
            throw new DepartmentUpdates.Unprocessable("breaks its contract: "
                    + violations.stream().map(v -> v.field() + " " + v.keyword()).collect(Collectors.joining(", ")));
        }
        try {
            return EventJson.mapper().treeToValue(json, type);
        } catch (Exception e) {
            throw new DepartmentUpdates.Unprocessable("unreadable " + type.getSimpleName());
        }
    }

    /** vault-service did not answer, or answered 5xx or 429: transient, unlike a refusal (dead-lettered). */
    static boolean isVaultUnavailable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof VaultClient.VaultUnavailable) {
                return true;
            }
        }
        return false;
    }

    /** Worth another try: a concurrent change of the same rows, a serialization failure, a connection blip. */
    static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String name = t.getClass().getName();
            if (name.contains("OptimisticLock") || name.contains("StaleObjectState") || name.contains("StaleState")) {
                return true;
            }
            String message = String.valueOf(t.getMessage());
            if (message.contains("23505") || message.contains("40001") || message.contains("40P01")
                    || message.contains("duplicate key") || message.contains("Connection") && name.contains("Closed")) {
                return true;
            }
            if (t instanceof java.net.ConnectException || name.contains("ClosedConnection")) {
                return true;
            }
        }
        return false;
    }
}
