package dev.seva.conversation.messaging;

import dev.seva.contracts.department.ApplicationOutcomeDecided;
import dev.seva.contracts.documents.DocumentIssued;
import dev.seva.conversation.service.DepartmentUpdates;
import dev.seva.conversation.service.OutcomeOrigin;
import dev.seva.outbox.RecordPipeline;
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
    RecordPipeline pipeline;

    @Inject
    OutcomeOrigin origin;

    /** The department is the record's topic's: an outcome for another department's application is dead-lettered. */
    @Incoming("outcomes")
    public Uni<Void> outcome(ConsumerRecord<String, String> record) {
        return pipeline.process(record, ApplicationOutcomeDecided.class, o -> Uni.createFrom()
                .deferred(() -> origin.requireFromItsDepartment(record.topic(), o))
                .chain(() -> updates.onOutcome(record.topic(), o)));
    }

    @Incoming("documents")
    public Uni<Void> document(ConsumerRecord<String, String> record) {
        return pipeline.process(record, DocumentIssued.class, d -> Uni.createFrom()
                .deferred(() -> origin.requireForItsApplication(d))
                .chain(() -> updates.onDocument(record.topic(), d)));
    }
}
