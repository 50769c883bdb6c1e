package dev.seva.conversation.messaging;

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
 * Records this service cannot process, after bounded retries, go to {@code <topic>.dlq} unchanged,
 * with why (no personal data) and where they came from. Nothing is dropped: if even the dead-letter
 * write fails, the consumer fails and the record is read again after a restart.
 */
@ApplicationScoped
public class DeadLetters {

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);

    @Inject
    @Channel("dead-letters")
    MutinyEmitter<String> emitter;

    public Uni<Void> send(ConsumerRecord<String, String> record, Throwable reason) {
        RecordHeaders headers = new RecordHeaders();
        for (Header header : record.headers()) {
            headers.add(header);
        }
        String why = reason.getClass().getSimpleName() + ": " + String.valueOf(reason.getMessage());
        headers.add(Headers.DLQ_REASON, (why.length() > 500 ? why.substring(0, 500) : why).getBytes(StandardCharsets.UTF_8));
        headers.add(Headers.DLQ_ORIGINAL_TOPIC, record.topic().getBytes(StandardCharsets.UTF_8));
        headers.add("dlq-original-offset", (record.partition() + "@" + record.offset()).getBytes(StandardCharsets.UTF_8));
        String topic = Topics.deadLetter(record.topic());
        LOG.warnf("Record %s-%d@%d sent to %s: %s", record.topic(), record.partition(), record.offset(), topic, why);
        return emitter.sendMessage(Message.of(record.value()).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(topic).withKey(record.key()).withHeaders(headers).build()));
    }
}
