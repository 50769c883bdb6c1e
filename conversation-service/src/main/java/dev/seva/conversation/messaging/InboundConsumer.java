package dev.seva.conversation.messaging;

import dev.seva.contracts.whatsapp.WhatsAppMessageReceived;
import dev.seva.conversation.service.ConversationHandler;
import dev.seva.outbox.RecordPipeline;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Citizens' messages from {@code whatsapp.inbound.v1}, in order per citizen (the record key). */
@ApplicationScoped
public class InboundConsumer {

    @Inject
    ConversationHandler handler;

    @Inject
    RecordPipeline pipeline;

    @Incoming("inbound")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        return pipeline.process(record, WhatsAppMessageReceived.class, handler::onInbound);
    }
}
