package dev.seva.notification.messaging;

import dev.seva.consumer.RecordPipeline;
import dev.seva.contracts.citizen.CitizenErasureRequested;
import dev.seva.notification.deadletter.DeadLetterPublisher;
import dev.seva.notification.service.ErasureService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Consumes {@code citizen.erasure.v1}, one event at a time, through the platform's one consumer pipeline:
 * one that breaks its contract goes to {@code citizen.erasure.v1.dlq}, the database being down is waited
 * out, anything else is tried a few times, then dead-lettered.
 */
@ApplicationScoped
public class ErasureConsumer {

    private final ErasureService erasure;
    private final RecordPipeline pipeline;

    public ErasureConsumer(ErasureService erasure, DeadLetterPublisher deadLetters) {
        this.erasure = erasure;
        this.pipeline = new RecordPipeline(deadLetters);
    }

    @Incoming("citizen-erasure")
    public Uni<Void> consume(Message<String> message) {
        return IncomingRecords.settle(message, pipeline.process(IncomingRecords.record(message), CitizenErasureRequested.class, erasure::erase));
    }
}
