package dev.seva.notification.service;

import dev.seva.contracts.whatsapp.SendMessage;
import dev.seva.notification.client.FailureException;
import dev.seva.notification.client.GraphApiClient;
import dev.seva.notification.client.GraphMessageBodies;
import dev.seva.notification.client.GraphOutcome;
import dev.seva.notification.client.GraphOrderBodies;
import dev.seva.notification.config.NotificationConfig;
import dev.seva.notification.domain.Backoff;
import dev.seva.notification.domain.Failure;
import dev.seva.notification.domain.PairPacer;
import dev.seva.notification.deadletter.DeadLetterPublisher;
import dev.seva.notification.persistence.DeliveryRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Delivers one claimed command: per-recipient pacing, the number's throughput token, the documents'
 * media ids, the Graph API call; then records Meta's message id, or retries (backoff with jitter,
 * bounded in attempts and time), switches to the fallback template on 131047, uploads again on
 * 131053, or dead-letters the command with the reason and records the failed delivery. Before every
 * retry it checks the command is still its own to send and still unsent (a status webhook may have
 * shown Meta took an earlier attempt).
 */
@ApplicationScoped
public class Sender {

    private static final Logger LOG = Logger.getLogger(Sender.class);

    /** How a delivery ended. STOPPED: another instance took it over, or Meta's status showed it was sent. */
    public enum Outcome { ACCEPTED, DEAD_LETTERED, STOPPED }

    private record Attempted(GraphOutcome outcome, Map<String, String> mediaIds) {
    }

    private final UUID owner = UUID.randomUUID();
    private final GraphApiClient graph;
    private final MediaResolver media;
    private final ThroughputLimiter limiter;
    private final DeliveryRepository deliveries;
    private final DeadLetterPublisher deadLetters;
    private final NotificationMetrics metrics;
    private final PairPacer pacer;
    /** Who sells what order_details messages ask to pay (Meta's importer fields). */
    private final GraphOrderBodies.Seller seller;
    private final Backoff backoff;

    public Sender(GraphApiClient graph, MediaResolver media, ThroughputLimiter limiter, DeliveryRepository deliveries,
                  DeadLetterPublisher deadLetters, NotificationMetrics metrics, NotificationConfig config) {
        this.graph = graph;
        this.media = media;
        this.limiter = limiter;
        this.deliveries = deliveries;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        NotificationConfig.Orders orders = config.orders();
        this.seller = new GraphOrderBodies.Seller(orders.sellerName(), orders.sellerAddress(), orders.sellerCity(), orders.sellerZoneCode(),
                orders.sellerPostalCode());
        this.pacer = new PairPacer(config.pairRate().burst(), config.pairRate().interval(), System::nanoTime);
        NotificationConfig.Retry retry = config.retry();
        this.backoff = new Backoff(retry.maxAttempts(), retry.initialBackoff(), retry.maxBackoff(), retry.maxTotal());
    }

    /** This instance's id, the owner of the deliveries it claims. */
    public UUID owner() {
        return owner;
    }

    /** Delivers a command this instance has claimed; {@code attempt} is the number of the attempt about to be made. */
    public Uni<Outcome> deliver(DeliveryJob job, int attempt) {
        return attempt(job, attempt, System.nanoTime(), false, false);
    }

    /**
     * As {@link #deliver}, for a command whose first attempt was already paced by its citizen's lane
     * ({@link #pace(SendMessage)} waited out with no permit held); later attempts are paced here again.
     */
    public Uni<Outcome> deliverPaced(DeliveryJob job, int attempt) {
        return attempt(job, attempt, System.nanoTime(), false, true);
    }

    /** Books the citizen's next pacing slot for this command: how long to wait before sending it (zero: now; mark-read is not paced). */
    public Duration pace(SendMessage command) {
        return command.kind() == SendMessage.Kind.MARK_READ ? Duration.ZERO : pacer.reserve(command.to().key());
    }

    /** Gives back the slot {@link #pace(SendMessage)} booked for a command that turned out not to need sending (a redelivery). */
    public void unpace(SendMessage command) {
        if (command.kind() != SendMessage.Kind.MARK_READ) {
            pacer.refund(command.to().key());
        }
    }

    private Uni<Outcome> attempt(DeliveryJob job, int attempt, long startedNanos, boolean mediaRefreshed, boolean paced) {
        return (paced ? Uni.createFrom().voidItem() : pace(job))
                .chain(() -> throttle(job))
                .chain(() -> media.resolve(job))
                .chain(ids -> call(job, ids).map(outcome -> new Attempted(outcome, ids)))
                .onFailure().recoverWithItem(e -> new Attempted(new GraphOutcome.Refused(e instanceof FailureException f
                        ? f.failure() : Failure.unexpected(e.getClass().getSimpleName())), Map.of()))
                .chain(attempted -> settle(job, attempt, startedNanos, mediaRefreshed, attempted));
    }

    private Uni<Void> pace(DeliveryJob job) {
        Duration wait = pace(job.command());
        return wait.isZero() ? Uni.createFrom().voidItem() : Uni.createFrom().voidItem().onItem().delayIt().by(wait);
    }

    private Uni<Void> throttle(DeliveryJob job) {
        long start = System.nanoTime();
        return limiter.acquire(job.phoneNumberId()).invoke(() -> metrics.throttled(System.nanoTime() - start));
    }

    private Uni<GraphOutcome> call(DeliveryJob job, Map<String, String> mediaIds) {
        long start = System.nanoTime();
        return graph.send(job.phoneNumberId(), GraphMessageBodies.of(job.command(), job.replacementTemplate(), mediaIds, seller))
                .invoke(() -> metrics.apiCall(System.nanoTime() - start));
    }

    private Uni<Outcome> settle(DeliveryJob job, int attempt, long startedNanos, boolean mediaRefreshed, Attempted attempted) {
        if (attempted.outcome() instanceof GraphOutcome.Accepted accepted) {
            return recordAccepted(job, accepted.wamid());
        }
        Failure failure = ((GraphOutcome.Refused) attempted.outcome()).failure();
        metrics.refused(job.kindLabel(), failure.tag());
        switch (failure.kind()) {
            case REENGAGEMENT -> {
                if (!job.canFallBack()) {
                    return deadLetter(job, failure, attempt, "graph-api-error");
                }
                return deliveries.fallbackStarted(job.commandId(), owner).chain(started -> {
                    if (!started) {
                        return deadLetter(job, failure, attempt, "graph-api-error");
                    }
                    metrics.fallback("response");
                    return next(job.withFallback(), attempt, startedNanos, mediaRefreshed, Duration.ZERO);
                });
            }
            case STALE_MEDIA -> {
                if (mediaRefreshed || attempted.mediaIds().isEmpty()) {
                    return deadLetter(job, failure, attempt, "graph-api-error");
                }
                metrics.media("stale");
                return media.invalidate(job, attempted.mediaIds()).chain(() -> next(job, attempt, startedNanos, true, Duration.ZERO));
            }
            case RETRYABLE -> {
                Duration elapsed = Duration.ofNanos(System.nanoTime() - startedNanos);
                return backoff.before(attempt + 1, elapsed, ThreadLocalRandom.current().nextDouble())
                        .map(wait -> deliveries.attemptFailed(job.commandId(), owner, failure).chain(ours -> {
                            if (!ours) {
                                return Uni.createFrom().item(Outcome.STOPPED);
                            }
                            metrics.retry(failure.tag());
                            return next(job, attempt, startedNanos, mediaRefreshed, wait);
                        }))
                        .orElseGet(() -> deadLetter(job, failure, attempt, "retries-exhausted"));
            }
            default -> {
                return deadLetter(job, failure, attempt, failure.source() == Failure.Source.DOCUMENT_SERVICE ? "document" : "graph-api-error");
            }
        }
    }

    private Uni<Outcome> next(DeliveryJob job, int attempt, long startedNanos, boolean mediaRefreshed, Duration wait) {
        Uni<Void> pause = wait.isZero() ? Uni.createFrom().voidItem() : Uni.createFrom().voidItem().onItem().delayIt().by(wait);
        return pause.chain(() -> deliveries.beforeRetry(job.commandId(), owner))
                .chain(ours -> ours ? attempt(job, attempt + 1, startedNanos, mediaRefreshed, false) : Uni.createFrom().item(Outcome.STOPPED));
    }

    private Uni<Outcome> recordAccepted(DeliveryJob job, String wamid) {
        return deliveries.accepted(job.commandId(), wamid)
                .onFailure().retry().withBackOff(Duration.ofMillis(100), Duration.ofSeconds(2)).atMost(10)
                .map(recorded -> {
                    if (recorded) {
                        metrics.accepted(job.kindLabel(), Duration.between(job.enqueuedAt(), Instant.now()));
                    } else {
                        metrics.duplicate("accepted-twice");
                        LOG.warnf("Command %s was accepted by Meta again after being settled: a duplicate reached the citizen", job.commandId());
                    }
                    return Outcome.ACCEPTED;
                });
    }

    /** Dead-letters the command (first: the record must be safe before the failure is recorded) and records the failed delivery. */
    Uni<Outcome> deadLetter(DeliveryJob job, Failure failure, int attempts, String tag) {
        String reason = switch (tag) {
            case "retries-exhausted" -> "retries-exhausted after " + attempts + " attempts: " + failure.summary();
            case "document" -> failure.title();
            default -> "graph-api-error " + failure.summary() + (job.usingFallback() ? " (fallback template)" : "");
        };
        return deadLetters.write(job.deadLetter().reason(reason).errorCode(failure.code()).attempts(attempts).build())
                .chain(() -> deliveries.failed(job.commandId(), failure)
                        .onFailure().retry().withBackOff(Duration.ofMillis(100), Duration.ofSeconds(2)).atMost(10))
                .invoke(() -> {
                    metrics.deadLettered(tag);
                    LOG.warnf("Command %s (%s) dead-lettered: %s", job.commandId(), job.kindLabel(), reason);
                })
                .replaceWith(Outcome.DEAD_LETTERED);
    }
}
