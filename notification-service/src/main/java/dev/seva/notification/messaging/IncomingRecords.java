package dev.seva.notification.messaging;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.time.Instant;

/**
 * A consumed message as the record it came in (for the platform's consumer pipeline, {@code RecordReader}
 * and the dead letters), and its acknowledgement. The consumers take the {@link Message} rather than the
 * record because they acknowledge it themselves, when its lane has done it.
 */
final class IncomingRecords {

    private IncomingRecords() {
    }

    @SuppressWarnings("unchecked")
    static ConsumerRecord<String, String> record(Message<String> message) {
        return message.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(m -> (ConsumerRecord<String, String>) m.getRecord())
                .orElseThrow(() -> new IllegalStateException("A message without its Kafka record: the channels are Kafka's"));
    }

    static Instant timestamp(ConsumerRecord<String, String> record) {
        return record.timestamp() < 0 ? Instant.now() : Instant.ofEpochMilli(record.timestamp());
    }

    /** Acknowledges when the work succeeded; otherwise negative-acknowledges (the channel's failure strategy decides). */
    static Uni<Void> settle(Message<String> message, Uni<Void> work) {
        return work.onItemOrFailure().transformToUni((ignored, failure) -> failure == null
                ? Uni.createFrom().completionStage(message.ack())
                : Uni.createFrom().completionStage(message.nack(failure)));
    }
}
