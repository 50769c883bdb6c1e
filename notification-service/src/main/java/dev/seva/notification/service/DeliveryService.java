package dev.seva.notification.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.seva.consumer.DeadLetter;
import dev.seva.consumer.InfrastructureFailures;
import dev.seva.consumer.RetryPolicy;
import dev.seva.contracts.CitizenAddress;
import dev.seva.contracts.EventJson;
import dev.seva.contracts.Topics;
import dev.seva.contracts.whatsapp.SendMessage;
import dev.seva.notification.config.NotificationConfig;
import dev.seva.notification.domain.Failure;
import dev.seva.notification.deadletter.DeadLetterPublisher;
import dev.seva.notification.persistence.DeliveryRecord;
import dev.seva.notification.persistence.DeliveryRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;

/**
 * The use case "deliver a command exactly once as far as the Graph API allows". A command is first
 * recorded as {@code sending} (its id is the key); only the instance whose insert succeeded sends it.
 * A redelivered command (Kafka after a crash or a rebalance) finds its row: already accepted or failed,
 * it is skipped; still {@code sending}, it is sent again only once its last attempt is older than the
 * takeover time and no status webhook has shown that Meta took it (every message carries the command
 * id in {@code biz_opaque_callback_data}, which comes back in the statuses). See README.
 */
@ApplicationScoped
public class DeliveryService {

    private static final Logger LOG = Logger.getLogger(DeliveryService.class);

    private final DeliveryRepository deliveries;
    private final Sender sender;
    private final AddressHasher hasher;
    private final DeadLetterPublisher deadLetters;
    private final NotificationMetrics metrics;
    private final Duration takeoverAfter;
    private final Duration giveUpWaitingAfter;

    public DeliveryService(DeliveryRepository deliveries, Sender sender, AddressHasher hasher, DeadLetterPublisher deadLetters,
                           NotificationMetrics metrics, NotificationConfig config) {
        this.deliveries = deliveries;
        this.sender = sender;
        this.hasher = hasher;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.takeoverAfter = config.idempotency().takeoverAfter();
        this.giveUpWaitingAfter = takeoverAfter.multipliedBy(2).plus(config.retry().maxTotal()).plus(config.graph().timeout());
    }

    /** Delivers a command consumed from whatsapp.outbound.v1, unless it was delivered before. */
    public Uni<Void> handle(SendMessage command, String key, String rawValue, Instant enqueuedAt) {
        DeliveryJob job = new DeliveryJob(command, key, rawValue, enqueuedAt, false);
        DeliveryRepository.NewDelivery row = new DeliveryRepository.NewDelivery(command.eventId(), command.phoneNumberId(),
                hasher.primary(command.to()), hasher.alternate(command.to()), command.citizenRef(), command.kind().wireName(),
                json(command.fallbackTemplate()), command.occurredAt(), enqueuedAt);
        return deliveries.claim(row, sender.owner())
                .onFailure().invoke(e -> LOG.warnf("Could not record command %s (%s); retrying", command.eventId(),
                        e.getClass().getSimpleName()))
                // The platform's one retry policy: a conflict a few times, the database being down waited out; then the channel fails
                // with the record uncommitted (a delivery is never dead-lettered for the database's sake).
                .plug(RetryPolicy.DEFAULT::retryBriefly)
                .plug(InfrastructureFailures::retryWhileDown)
                .chain(claimed -> claimed
                        ? sender.deliverPaced(job, 1).replaceWithVoid()
                        : redelivered(job, Instant.now().plus(giveUpWaitingAfter)));
    }

    /**
     * A command for a citizen who already has {@code NOTIFICATION_MAX_QUEUED_PER_CITIZEN} commands waiting
     * (a flood that pacing could not send before the record's commit deadline): it is not queued, so that the
     * flood holds no more of what other citizens' messages need. Already delivered (a redelivered batch):
     * skipped as a duplicate. Otherwise dead-lettered {@code citizen-backlog} (replayable), nothing sent.
     */
    public Uni<Void> backlogged(SendMessage command, String key, String rawValue) {
        return deliveries.find(command.eventId()).chain(found -> {
            if (found.isPresent() && !DeliveryRecord.SENDING.equals(found.get().state())) {
                metrics.duplicate("already-" + found.get().state());
                return Uni.createFrom().voidItem();
            }
            metrics.deadLettered("citizen-backlog");
            LOG.warnf("Command %s dead-lettered: its citizen's lane is full (a flood to one citizen)", command.eventId());
            return deadLetters.write(DeliveryJob.deadLetter(key, rawValue, command.eventId()).reason("citizen-backlog").attempts(0).build());
        });
    }

    private Uni<Void> redelivered(DeliveryJob job, Instant giveUpAt) {
        return deliveries.find(job.commandId()).chain(found -> {
            if (found.isEmpty()) {
                metrics.duplicate("erased");
                sender.unpace(job.command());
                return Uni.createFrom().voidItem();
            }
            DeliveryRecord row = found.get();
            if (!DeliveryRecord.SENDING.equals(row.state())) {
                metrics.duplicate("already-" + row.state());
                sender.unpace(job.command());
                return Uni.createFrom().voidItem();
            }
            if (row.fallbackUsed() && row.wamid() != null) {
                metrics.duplicate("fallback-in-progress");
                sender.unpace(job.command());
                return Uni.createFrom().voidItem();
            }
            // Marking read twice is harmless; a message twice is not, so only a silent, stale "sending" is taken over.
            Duration staleAfter = job.isMarkRead() ? Duration.ZERO : takeoverAfter;
            return deliveries.takeOver(job.commandId(), sender.owner(), staleAfter).chain(taken -> {
                if (taken.isPresent()) {
                    metrics.duplicate("taken-over");
                    LOG.infof("Command %s found unsettled after %s: sending it again (no status showed Meta took it)",
                            job.commandId(), takeoverAfter);
                    return sender.deliverPaced(job, taken.get().attempts()).replaceWithVoid();
                }
                if (Instant.now().isAfter(giveUpAt)) {
                    return stillSendingElsewhere(job);
                }
                Duration wait = row.lastAttemptAt() == null ? takeoverAfter
                        : Duration.between(Instant.now(), row.lastAttemptAt().plus(takeoverAfter));
                wait = wait.compareTo(Duration.ofMillis(200)) < 0 ? Duration.ofMillis(200) : wait.compareTo(takeoverAfter) > 0 ? takeoverAfter : wait;
                return Uni.createFrom().voidItem().onItem().delayIt().by(wait).chain(() -> redelivered(job, giveUpAt));
            });
        });
    }

    /** The asynchronous 131047 (a failed status): sends the command's fallback template, once. */
    public Uni<Void> fallBack(DeliveryRecord row, CitizenAddress recipient) {
        return deliveries.claimFallback(row.commandId(), sender.owner(), takeoverAfter).chain(claimed -> {
            if (claimed.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            SendMessage.Template template;
            try {
                template = EventJson.mapper().readValue(claimed.get().fallbackTemplate(), SendMessage.Template.class);
            } catch (JsonProcessingException e) {
                return deliveries.failed(row.commandId(), Failure.internal("unreadable-fallback", "stored fallback template"));
            }
            // The original command's citizenRef (kept on its row), so that documents the template uploads are found by an erasure too.
            SendMessage command = new SendMessage(row.commandId(), SendMessage.EVENT_TYPE, Instant.now(), row.phoneNumberId(), recipient,
                    null, false, null, null, claimed.get().citizenRef(), SendMessage.Kind.TEMPLATE, null, null, null, null, template, null, null);
            metrics.fallback("webhook");
            DeliveryJob job = new DeliveryJob(command, recipient.key(), json(command), Instant.now(), true);
            return sender.deliver(job, claimed.get().attempts()).replaceWithVoid();
        });
    }

    /** A record that is not a valid command ({@code RecordReader}'s reason): dead-lettered as it came, nothing sent. */
    public Uni<Void> unreadable(DeadLetter letter) {
        metrics.deadLettered("contract-violation");
        LOG.warnf("Record on %s dead-lettered: %s", Topics.WHATSAPP_OUTBOUND, letter.reason());
        return deadLetters.write(letter);
    }

    private Uni<Void> stillSendingElsewhere(DeliveryJob job) {
        metrics.deadLettered("still-sending-elsewhere");
        LOG.errorf("Command %s stayed 'sending' under another owner past %s: dead-lettered for an operator", job.commandId(), giveUpWaitingAfter);
        return deadLetters.write(job.deadLetter().reason("still-sending-elsewhere").attempts(0).build());
    }

    private static String json(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return EventJson.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A contract record could not be written as JSON", e);
        }
    }
}
