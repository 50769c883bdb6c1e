package dev.seva.notification.messaging;

import dev.seva.contracts.Topics;
import dev.seva.contracts.citizen.CitizenErasureRequested;
import dev.seva.notification.deadletter.DeadLetter;
import dev.seva.notification.deadletter.DeadLetterPublisher;
import dev.seva.notification.service.ErasureService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.time.Duration;

/** Consumes {@code citizen.erasure.v1}, one event at a time; an unreadable one goes to {@code citizen.erasure.v1.dlq}. */
@ApplicationScoped
public class ErasureConsumer {

    private final ErasureService erasure;
    private final DeadLetterPublisher deadLetters;

    public ErasureConsumer(ErasureService erasure, DeadLetterPublisher deadLetters) {
        this.erasure = erasure;
        this.deadLetters = deadLetters;
    }

    @Incoming("citizen-erasure")
    public Uni<Void> consume(Message<String> message) {
        IncomingRecords.Parsed<CitizenErasureRequested> parsed =
                IncomingRecords.parse(Topics.CITIZEN_ERASURE, message.getPayload(), CitizenErasureRequested.class);
        Uni<Void> work = parsed.event() == null
                ? deadLetters.publish(new DeadLetter(Topics.deadLetter(Topics.CITIZEN_ERASURE), Topics.CITIZEN_ERASURE,
                        IncomingRecords.key(message), message.getPayload(), CitizenErasureRequested.EVENT_TYPE, parsed.eventId(),
                        parsed.problem(), null, 1))
                : Uni.createFrom().deferred(() -> erasure.erase(parsed.event()))
                        .onFailure().retry().withBackOff(Duration.ofMillis(500), Duration.ofSeconds(10)).expireIn(120_000);
        return IncomingRecords.settle(message, work);
    }
}
