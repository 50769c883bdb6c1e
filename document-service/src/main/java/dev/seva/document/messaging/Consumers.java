package dev.seva.document.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seva.contracts.ContractValidator;
import dev.seva.contracts.ContractViolation;
import dev.seva.contracts.EventJson;
import dev.seva.contracts.Headers;
import dev.seva.contracts.Topics;
import dev.seva.contracts.catalogue.CatalogueServicePublished;
import dev.seva.contracts.citizen.CitizenErasureRequested;
import dev.seva.contracts.department.ApplicationOutcomeDecided;
import dev.seva.document.service.Erasure;
import dev.seva.document.service.Issuance;
import dev.seva.document.service.ServiceCatalogue;
import dev.seva.document.service.Unprocessable;
import dev.seva.document.signing.SignatureFailed;
import dev.seva.outbox.InfrastructureFailures;
import dev.seva.privacy.vault.VaultClient;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Function;

/**
 * What document-service reads: every department's outcomes ({@code dept.*.outcomes.v1}, by pattern),
 * citizens' erasures and the catalogue. Each record is checked against its topic's contract, handled, retried a
 * few times when the failure may pass (database connection, a concurrent insert of the same
 * document), waited for while what it stands on is down (database, vault-service, signing token: {@link #waitedFor}),
 * and otherwise sent unchanged to {@code <topic>.dlq} with the reason: never dropped.
 */
@ApplicationScoped
public class Consumers {

    private static final Logger LOG = Logger.getLogger(Consumers.class);
    private static final int RETRIES = 4;

    @Inject
    Issuance issuance;

    @Inject
    Erasure erasure;

    @Inject
    ServiceCatalogue catalogue;

    @Inject
    @Channel("dead-letters")
    MutinyEmitter<String> deadLetters;

    @Incoming("outcomes")
    public Uni<Void> outcome(ConsumerRecord<String, String> record) {
        return handle(record, ApplicationOutcomeDecided.class, o -> issuance.onOutcome(record.topic(), o));
    }

    /**
     * The catalogue, to know which department each service belongs to and which document type it ends
     * in. A tombstone (a retired service) is ignored: its last definition still answers for applications
     * made before. An unreadable record is skipped (logged): the catalogue is catalogue-service's to fix.
     */
    @Incoming("catalogue")
    public Uni<Void> catalogue(ConsumerRecord<String, String> record) {
        if (record.value() != null) {
            try {
                catalogue.learn(parse(record, CatalogueServicePublished.class).service());
            } catch (Unprocessable e) {
                LOG.warnf("Catalogue record %s-%d@%d skipped: %s", record.topic(), record.partition(), record.offset(), e.getMessage());
            }
        }
        return Uni.createFrom().voidItem();
    }

    @Incoming("erasures")
    public Uni<Void> erasure(ConsumerRecord<String, String> record) {
        return handle(record, CitizenErasureRequested.class, e -> erasure.onErasure(record.topic(), e));
    }

    private <T> Uni<Void> handle(ConsumerRecord<String, String> record, Class<T> type, Function<T, Uni<Void>> handler) {
        T event;
        try {
            event = parse(record, type);
        } catch (Unprocessable e) {
            return deadLetter(record, e);
        }
        return Uni.createFrom().deferred(() -> handler.apply(event))
                .onFailure(VaultClient.VaultUnavailable.class)
                .invoke(f -> LOG.warnf("%s-%d@%d waits for vault-service (the citizen's key): %s", record.topic(), record.partition(), record.offset(),
                        f.getMessage()))
                .onFailure(Consumers::mayPass).retry().withBackOff(Duration.ofMillis(50), Duration.ofSeconds(1)).atMost(RETRIES)
                // The database is down (PostgreSQL restarting), or vault-service (VaultUnavailable, which InfrastructureFailures
                // counts as infrastructure): wait for it rather than dead-letter an approval.
                .plug(InfrastructureFailures::retryWhileDown)
                // So for the signing token (HSM down, session lost): every approval would fail alike, so none is
                // dead-lettered; the partition waits (counted in seva_document_signature_failures_total, alerted on).
                .onFailure(SignatureFailed.class).retry().withBackOff(InfrastructureFailures.FIRST_BACKOFF, InfrastructureFailures.MAX_BACKOFF)
                .expireIn(InfrastructureFailures.PATIENCE.toMillis())
                // And for the vault refusing this service (its secret or rights are wrong, logged by CitizenKeys): the
                // operator's fix, not the record's fault.
                .onFailure(VaultClient.VaultRefused.class).retry().withBackOff(InfrastructureFailures.FIRST_BACKOFF, InfrastructureFailures.MAX_BACKOFF)
                .expireIn(InfrastructureFailures.PATIENCE.toMillis())
                .onFailure(failure -> !waitedFor(failure))
                .recoverWithUni(failure -> deadLetter(record, failure));
    }

    /**
     * Failures that say nothing about the record (database, vault, signing token): waited out, and if they
     * outlast the patience the channel fails with the record uncommitted; never dead-lettered.
     */
    static boolean waitedFor(Throwable failure) {
        return InfrastructureFailures.isInfrastructure(failure) || failure instanceof SignatureFailed || failure instanceof VaultClient.VaultRefused;
    }

    static <T> T parse(ConsumerRecord<String, String> record, Class<T> type) {
        if (record.value() == null) {
            throw new Unprocessable("empty record");
        }
        JsonNode json;
        try {
            json = EventJson.mapper().readTree(record.value());
        } catch (Exception e) {
            throw new Unprocessable("not JSON");
        }
        var violations = ContractValidator.instance().validate(record.topic(), json);
        if (!violations.isEmpty()) {
            StringBuilder reason = new StringBuilder("breaks its contract:");
            for (ContractViolation v : violations) {
                reason.append(' ').append(v.field()).append(' ').append(v.keyword()).append(';');
            }
            throw new Unprocessable(reason.toString());
        }
        try {
            return EventJson.mapper().treeToValue(json, type);
        } catch (Exception e) {
            throw new Unprocessable("not a " + type.getSimpleName());
        }
    }

    /** Failures a second try can cure: lost connections, a unique key taken by a concurrent handler (then the retry sees the document). */
    static boolean mayPass(Throwable failure) {
        if (failure instanceof Unprocessable) {
            return false;
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String text = t.getClass().getName() + " " + t.getMessage();
            if (text.contains("23505") || text.contains("40001") || text.contains("40P01") || text.contains("Connection")
                    || text.contains("ConstraintViolation")) {
                return true;
            }
        }
        return false;
    }

    private Uni<Void> deadLetter(ConsumerRecord<String, String> record, Throwable reason) {
        String why = reason.getClass().getSimpleName() + ": " + reason.getMessage();
        why = why.length() > 500 ? why.substring(0, 500) : why;
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        headers.add(Headers.DLQ_REASON, why.getBytes(StandardCharsets.UTF_8));
        headers.add(Headers.DLQ_ORIGINAL_TOPIC, record.topic().getBytes(StandardCharsets.UTF_8));
        String topic = Topics.deadLetter(record.topic());
        LOG.warnf("%s-%d@%d dead-lettered to %s: %s", record.topic(), record.partition(), record.offset(), topic, why);
        return deadLetters.sendMessage(Message.of(record.value()).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(topic).withKey(record.key()).withHeaders(headers).build()));
    }
}
