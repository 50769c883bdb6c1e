package dev.seva.conversation.messaging;

import dev.seva.contracts.department.ApplicationOutcomeDecided;
import dev.seva.contracts.documents.DocumentIssued;
import dev.seva.conversation.service.DepartmentUpdates;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Every department's outcomes ({@code dept.*.outcomes.v1}, by pattern) and the documents issued for them. */
@ApplicationScoped
public class DepartmentConsumers {

    @Inject
    DepartmentUpdates updates;

    @Inject
    DeadLetters deadLetters;

    @Incoming("outcomes")
    public Uni<Void> outcome(ConsumerRecord<String, String> record) {
        return RecordHandling.process(record, ApplicationOutcomeDecided.class, o -> updates.onOutcome(record.topic(), o), deadLetters);
    }

    @Incoming("documents")
    public Uni<Void> document(ConsumerRecord<String, String> record) {
        return RecordHandling.process(record, DocumentIssued.class, d -> updates.onDocument(record.topic(), d), deadLetters);
    }
}
