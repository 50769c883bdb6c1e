package dev.seva.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seva.contracts.ContractValidator;
import dev.seva.contracts.ContractViolation;
import dev.seva.contracts.EventIds;
import dev.seva.contracts.EventJson;
import dev.seva.contracts.Headers;
import dev.seva.contracts.Topics;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * How a consumer processes one Kafka record: read it and check it against its topic's contract,
 * handle it, retry what a second try can fix, wait while the infrastructure is down, and dead-letter
 * what cannot be handled, with the reason, to {@code <topic>.dlq} through the transactional outbox
 * (so even the dead letter commits or not at all). Nothing is dropped silently. Classification of
 * failures is {@link FailureKind}'s alone.
 *
 * <p>The handler is called with the parsed event; it does its own transaction and deduplication
 * ({@link MessageLog}), so that a redelivered record changes nothing.
 */
@ApplicationScoped
public class RecordPipeline {

    private static final Logger LOG = Logger.getLogger(RecordPipeline.class);
    static final int RETRIES = 5;
    static final String DEAD_LETTER_EVENT_TYPE = "dead-letter";

    @Inject
    Outbox outbox;

    public <T> Uni<Void> process(ConsumerRecord<String, String> record, Class<T> type, Function<T, Uni<Void>> handler) {
        T event;
        try {
            event = read(record, type);
        } catch (UnprocessableRecord e) {
            return deadLetter(record, e);
        }
        return Uni.createFrom().deferred(() -> handler.apply(event))
                .onFailure(f -> FailureKind.of(f) == FailureKind.TRANSIENT || FailureKind.of(f) == FailureKind.UNEXPECTED).retry()
                .withBackOff(Duration.ofMillis(20), Duration.ofMillis(500)).atMost(RETRIES)
                .plug(InfrastructureFailures::retryWhileDown)
                .onFailure(f -> FailureKind.of(f) != FailureKind.INFRASTRUCTURE).recoverWithUni(f -> deadLetter(record, f));
    }

    /** The record as the contract's record type; {@link UnprocessableRecord} when it is not one. */
    public static <T> T read(ConsumerRecord<String, String> record, Class<T> type) {
        if (record.value() == null) {
            throw new UnprocessableRecord("empty record");
        }
        JsonNode json;
        try {
            json = EventJson.mapper().readTree(record.value());
        } catch (Exception e) {
            throw new UnprocessableRecord("not JSON");
        }
        List<ContractViolation> violations = ContractValidator.instance().validate(record.topic(), json);
        if (!violations.isEmpty()) {
            throw new UnprocessableRecord("breaks its contract: "
                    + violations.stream().map(v -> v.field() + " " + v.keyword()).collect(Collectors.joining(", ")));
        }
        try {
            return EventJson.mapper().treeToValue(json, type);
        } catch (Exception e) {
            throw new UnprocessableRecord("unreadable " + type.getSimpleName());
        }
    }

    Uni<Void> deadLetter(ConsumerRecord<String, String> record, Throwable failure) {
        String why = failure instanceof UnprocessableRecord ? failure.getMessage()
                : failure.getClass().getSimpleName() + ": " + failure.getMessage();
        String reason = why == null ? "unknown" : why.length() > 500 ? why.substring(0, 500) : why;
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header header : record.headers()) {
            if (header.value() != null) {
                headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
            }
        }
        headers.put(Headers.DLQ_REASON, reason);
        headers.put(Headers.DLQ_ORIGINAL_TOPIC, record.topic());
        headers.put("dlq-original-offset", record.partition() + "@" + record.offset());
        String topic = Topics.deadLetter(record.topic());
        LOG.warnf("Record %s-%d@%d sent to %s: %s", record.topic(), record.partition(), record.offset(), topic, reason);
        // Name-based id: the same record dead-lettered again after a crash is the same dead letter.
        return Panache.withTransaction(() -> outbox.appendRaw(topic, record.key(),
                        EventIds.nameBased("dead-letter", record.topic(), String.valueOf(record.partition()), String.valueOf(record.offset())),
                        DEAD_LETTER_EVENT_TYPE, record.value(), headers))
                .onFailure(f -> FailureKind.of(f) == FailureKind.TRANSIENT).recoverWithNull()
                .replaceWithVoid();
    }
}
