package dev.seva.conversation.messaging;

import dev.seva.contracts.handover.DeskHandoverEvent;
import dev.seva.conversation.service.Handovers;
import dev.seva.outbox.RecordPipeline;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Officers' replies and closed threads from the desk ({@code desk.handovers.v1}), in order per citizen (the record key). */
@ApplicationScoped
public class HandoverConsumer {

    @Inject
    Handovers handovers;

    @Inject
    RecordPipeline pipeline;

    @Incoming("desk-handovers")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        return pipeline.process(record, DeskHandoverEvent.class, e -> handovers.onDesk(record.topic(), e));
    }
}
