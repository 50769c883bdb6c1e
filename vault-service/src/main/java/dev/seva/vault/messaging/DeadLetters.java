package dev.seva.vault.messaging;

import dev.seva.contracts.EventIds;
import dev.seva.contracts.Headers;
import dev.seva.contracts.Topics;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;

/**
 * Dead letters of {@code citizen.erasure.v1} to {@code citizen.erasure.v1.dlq}, with the same headers as
 * the outbox pipeline's ({@code dlq-reason}, {@code dlq-original-topic}, {@code dlq-original-offset}, a
 * name-based {@code eventId} so the same record dead-lettered twice is one dead letter), through an
 * idempotent {@code acks=all} producer. The Uni completes when the broker has it: only then is the
 * original's offset committed.
 */
@ApplicationScoped
public class DeadLetters {

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);

    @Inject
    @Channel("erasures-dlq")
    MutinyEmitter<String> emitter;

    public Uni<Void> publish(ConsumerRecord<String, String> record, String why) {
        String reason = why == null ? "unknown" : why.length() > 500 ? why.substring(0, 500) : why;
        RecordHeaders headers = new RecordHeaders();
        for (Header header : record.headers()) {
            if (header.value() != null && !header.key().equals(Headers.EVENT_ID) && !header.key().equals(Headers.EVENT_TYPE)) {
                headers.add(header.key(), header.value());
            }
        }
        add(headers, Headers.EVENT_ID, EventIds.nameBased("dead-letter", record.topic(), String.valueOf(record.partition()),
                String.valueOf(record.offset())).toString());
        add(headers, Headers.EVENT_TYPE, "dead-letter");
        add(headers, Headers.DLQ_REASON, reason);
        add(headers, Headers.DLQ_ORIGINAL_TOPIC, record.topic());
        add(headers, "dlq-original-offset", record.partition() + "@" + record.offset());
        String topic = Topics.deadLetter(record.topic());
        LOG.warnf("Record %s-%d@%d sent to %s: %s", record.topic(), record.partition(), record.offset(), topic, reason);
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(topic).withKey(record.key()).withHeaders(headers).build();
        return Uni.createFrom().deferred(() -> emitter.sendMessage(Message.of(record.value()).addMetadata(metadata)));
    }

    private static void add(RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
