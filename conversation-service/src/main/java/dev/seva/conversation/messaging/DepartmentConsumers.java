package dev.seva.conversation.messaging;

import dev.seva.contracts.department.ApplicationOutcomeDecided;
import dev.seva.contracts.documents.DocumentIssued;
import dev.seva.conversation.service.DepartmentUpdates;
import dev.seva.conversation.service.OutcomeOrigin;
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

    @Inject
    OutcomeOrigin origin;

    /** The department is the record's topic's: an outcome for another department's application is dead-lettered. */
    @Incoming("outcomes")
    public Uni<Void> outcome(ConsumerRecord<String, String> record) {
        return RecordHandling.process(record, ApplicationOutcomeDecided.class, o -> Uni.createFrom()
                .deferred(() -> origin.requireFromItsDepartment(record.topic(), o))
                .chain(() -> updates.onOutcome(record.topic(), o)), deadLetters);
    }

    @Incoming("documents")
    public Uni<Void> document(ConsumerRecord<String, String> record) {
        return RecordHandling.process(record, DocumentIssued.class, d -> Uni.createFrom()
                .deferred(() -> origin.requireForItsApplication(d))
                .chain(() -> updates.onDocument(record.topic(), d)), deadLetters);
    }
}
