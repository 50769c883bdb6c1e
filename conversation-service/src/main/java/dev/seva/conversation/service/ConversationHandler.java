package dev.seva.conversation.service;

import dev.seva.contracts.Topics;
import dev.seva.contracts.privacy.Masking;
import dev.seva.contracts.whatsapp.WhatsAppMessageReceived;
import dev.seva.conversation.config.ConversationConfig;
import dev.seva.conversation.domain.CitizenInput;
import dev.seva.conversation.domain.Effect;
import dev.seva.conversation.domain.Facts;
import dev.seva.conversation.domain.IntakeThrottle;
import dev.seva.conversation.domain.Journey;
import dev.seva.conversation.domain.JourneyState;
import dev.seva.conversation.domain.Language;
import dev.seva.conversation.domain.Messages;
import dev.seva.conversation.domain.Reply;
import dev.seva.conversation.domain.Session;
import dev.seva.conversation.domain.Step;
import dev.seva.conversation.persistence.CitizenRow;
import dev.seva.conversation.persistence.SessionRow;
import dev.seva.outbox.MessageLog;
import dev.seva.privacy.vault.CitizenKey;
import dev.seva.privacy.vault.VaultClient;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * One citizen message, in one transaction: the dedupe record of its eventId, the citizen and session
 * changes, the application or erasure it causes, and every reply (as outbox commands) commit together
 * or not at all. A redelivered message finds its eventId and does nothing; a message that lost a race
 * with another of the same citizen's messages fails on the session's version and is handled again.
 */
@ApplicationScoped
public class ConversationHandler {

    private static final Logger LOG = Logger.getLogger(ConversationHandler.class);
    /** How stale {@code last_inbound_at} may be before a message refreshes it. */
    static final Duration LAST_INBOUND_PRECISION = Duration.ofMinutes(1);
    private static final int MAX_FACT_ROUNDS = 4;

    @Inject
    MessageLog messageLog;

    @Inject
    FactsFetcher facts;

    @Inject
    ConversationConfig config;

    @Inject
    OutboundMessages outbound;

    @Inject
    Applications applications;

    @Inject
    Erasure erasure;

    @Inject
    Payments payments;

    @Inject
    Lookups lookups;

    @Inject
    Handovers handovers;

    @Inject
    VaultAccess vault;

    @Inject
    MeterRegistry registry;

    private volatile IntakeThrottle intakeThrottle;
    private Counter throttled;

    Clock clock = Clock.systemUTC();

    public Uni<Void> onInbound(WhatsAppMessageReceived message) {
        return Panache.withTransaction(() -> messageLog.firstDelivery(message.eventId(), Topics.WHATSAPP_INBOUND)
                .chain(first -> first ? handle(message) : skipDuplicate(message)));
    }

    private Uni<Void> skipDuplicate(WhatsAppMessageReceived message) {
        LOG.debugf("Message %s was already handled", message.eventId());
        return Uni.createFrom().voidItem();
    }

    private Uni<Void> handle(WhatsAppMessageReceived message) {
        IntakeThrottle throttle = throttle();
        // Judged on when the gateway received each message, not when this consumer gets to it: a consumer
        // slowed by load (or catching up after a restart) must not see a flood as spread out, nor a
        // citizen's normal pace as a burst.
        Instant received = message.receivedAt() != null ? message.receivedAt() : Instant.now(clock);
        IntakeThrottle.Decision decision = throttle.admit(message.from().key(), received);
        if (decision == IntakeThrottle.Decision.DROP) {
            // Recorded as handled (the message log row above), never answered: one number's flood costs others little.
            throttled.increment();
            return Uni.createFrom().voidItem();
        }
        if (decision == IntakeThrottle.Decision.SLOW_DOWN) {
            throttled.increment();
            return slowDown(message);
        }
        CitizenInput input = InboundMapping.toInput(message);
        return CitizenRow.byAddress(message.from().key()).chain(citizen -> {
            if (citizen == null || CitizenRow.DECLINED.equals(citizen.consent)) {
                return firstContact(message, citizen, input);
            }
            // One key fetch per citizen per cache period (VaultAccess), not one per message.
            return vault.key(citizen.citizenRef)
                    .onFailure(VaultClient.CitizenErased.class).recoverWithNull()
                    .chain(key -> key != null ? converse(message, citizen, key, input) : freshStart(message, citizen, input));
        });
    }

    /**
     * The vault erased the citizen (their key is gone) but their rows are still here: what was sealed cannot
     * be read and nothing new may be stored under their reference. Their rows go as in an erasure (open
     * applications withdrawn, every service told), and the message is a new citizen's first contact.
     */
    private Uni<Void> freshStart(WhatsAppMessageReceived message, CitizenRow erased, CitizenInput input) {
        LOG.infof("Citizen %s was erased in the vault: their rows go, and they start afresh", erased.citizenRef);
        return erasure.erasedInVault(erased).chain(() -> firstContact(message, null, input));
    }

    /** One polite "please slow down" in the citizen's language (English before they chose one); nothing else changes. */
    private Uni<Void> slowDown(WhatsAppMessageReceived message) {
        LOG.infof("Citizen %s is sending too fast: one slow-down reply, the rest of the window dropped", Masking.phone(message.from().waId()));
        return CitizenRow.byAddress(message.from().key()).chain(citizen -> {
            boolean accepted = citizen != null && CitizenRow.ACCEPTED.equals(citizen.consent);
            Language language = citizen == null || citizen.language == null ? Language.EN : Language.of(citizen.language);
            Instant now = Instant.now(clock);
            return outbound.send(new OutboundMessages.Recipient(message.from(), message.phoneNumberId(), language, now,
                    accepted ? citizen.citizenRef : null), List.of(new Reply.Text(Messages.text(language, "intake.slow.text"))), message.eventId(), null);
        });
    }

    private IntakeThrottle throttle() {
        IntakeThrottle current = intakeThrottle;
        if (current == null) {
            synchronized (this) {
                if (intakeThrottle == null) {
                    throttled = Counter.builder("seva.intake.throttled").tag("stage", "conversation")
                            .description("Citizens' messages over the per-citizen soft limit (one slow-down reply, the rest dropped)").register(registry);
                    intakeThrottle = new IntakeThrottle(config.throttle().messages(), config.throttle().window(),
                            config.throttle().quiet(), config.throttle().citizens());
                }
                current = intakeThrottle;
            }
        }
        return current;
    }

    /** Before consent nothing is stored; the decision is, with the address it belongs to. */
    private Uni<Void> firstContact(WhatsAppMessageReceived message, CitizenRow known, CitizenInput input) {
        Language noticeLanguage = known == null ? Language.EN : Language.of(known.language);
        Journey.FirstContact contact = Journey.firstContact(input, noticeLanguage);
        Instant now = Instant.now(clock);
        Uni<CitizenRow> decided;
        if (contact.consent() == null) {
            decided = Uni.createFrom().item(known);
        } else {
            CitizenRow citizen = known != null ? known : newCitizen(message, now);
            citizen.consent = contact.consent() ? CitizenRow.ACCEPTED : CitizenRow.DECLINED;
            citizen.consentNoticeVersion = config.privacyNoticeVersion();
            citizen.consentAt = now;
            citizen.language = contact.language().code();
            citizen.lastInboundAt = now;
            decided = (known == null ? citizen.persist() : Uni.createFrom().item(citizen)).replaceWith(citizen);
            if (contact.session() != null) {
                decided = decided.call(c -> SessionRow.deleteById(c.citizenRef)).call(Panache::flush)
                        .call(c -> vault.key(c.citizenRef).chain(key -> saveNewSession(c.citizenRef, key, contact.session())));
            }
            LOG.infof("Citizen %s %s the privacy notice v%d", Masking.phone(message.from().waId()),
                    contact.consent() ? "accepted" : "declined", config.privacyNoticeVersion());
        }
        // The citizen is named in the commands once they accepted the notice (a declined or undecided one is nobody's).
        return decided.chain(c -> outbound.send(new OutboundMessages.Recipient(message.from(), message.phoneNumberId(), contact.language(), now,
                c != null && CitizenRow.ACCEPTED.equals(c.consent) ? c.citizenRef : null), contact.replies(), message.eventId(), null));
    }

    private Uni<Void> converse(WhatsAppMessageReceived message, CitizenRow citizen, CitizenKey key, CitizenInput input) {
        Instant now = Instant.now(clock);
        // At most one citizen-row UPDATE a minute (issue 16: it was one per message): the service window is then judged
        // up to a minute shorter than Meta's, never longer, so nothing free-form is sent outside it.
        if (citizen.lastInboundAt == null || citizen.lastInboundAt.isBefore(now.minus(LAST_INBOUND_PRECISION))) {
            citizen.lastInboundAt = now;
        }
        citizen.phoneNumberId = message.phoneNumberId(); // unchanged, it is not an update (Hibernate compares the values)
        // An officer's messages that reached the citizen only as a template (outside the window) come first.
        return handovers.takeHeldReplies(citizen.citizenRef, key).chain(held -> SessionRow.<SessionRow>findById(citizen.citizenRef).chain(row -> {
            List<Reply> prefix = new ArrayList<>(held);
            Session session = row == null ? Session.menu(Language.of(citizen.language)) : Json.opened(key, row.data, Session.class);
            // A handover waits for the officer however long it takes; only the officer ends it.
            if (row != null && idle(row, now) && session.state() != JourneyState.MENU && !handedOver(session)) {
                prefix.add(new Reply.Text(Messages.text(session.language(), "welcome.back.text")));
                session = Session.menu(session.language());
            }
            Journey journey = new Journey(LocalDate.now(clock.withZone(Applications.INDIA)));
            return decide(journey, session, input, Facts.none(), citizen.citizenRef, 0)
                    .chain(done -> apply(message, citizen, key, row, done, prefix));
        }));
    }

    private static boolean handedOver(Session session) {
        return session.state() == JourneyState.HANDOVER
                || session.state() == JourneyState.CONFIRMING_ERASURE && session.previous() == JourneyState.HANDOVER;
    }

    /** Runs the journey, fetching each fact it asks for, until it decides. */
    private Uni<Step.Done> decide(Journey journey, Session session, CitizenInput input, Facts known, String citizenRef, int round) {
        Step step = journey.step(session, input, known);
        if (step instanceof Step.Done done) {
            return Uni.createFrom().item(done);
        }
        if (round >= MAX_FACT_ROUNDS) {
            throw new IllegalStateException("The journey kept asking for facts in state " + session.state());
        }
        Step.NeedFacts need = (Step.NeedFacts) step;
        return facts.fetch(known, need.need(), session.language(), citizenRef)
                .chain(more -> decide(journey, session, input, more, citizenRef, round + 1));
    }

    private Uni<Void> apply(WhatsAppMessageReceived message, CitizenRow citizen, CitizenKey key, SessionRow row, Step.Done done,
                            List<Reply> prefix) {
        List<Reply> replies = new ArrayList<>(prefix);
        replies.addAll(done.replies());
        OutboundMessages.Recipient recipient = OutboundMessages.Recipient.of(citizen);
        if (done.effects().stream().anyMatch(e -> e instanceof Effect.Erase)) {
            // Replies first: the address is gone once the citizen is.
            return erasure.erase(citizen, message.eventId());
        }
        Uni<Void> effects = Multi.createFrom().iterable(done.effects())
                .onItem().transformToUniAndConcatenate(effect -> effect(citizen, key, effect, replies))
                .collect().last().replaceWithVoid();
        return effects
                .chain(() -> saveSession(citizen.citizenRef, key, row, done.session()))
                .chain(() -> outbound.send(OutboundMessages.Recipient.of(citizen), replies, message.eventId(), null))
                .invoke(() -> LOG.debugf("Citizen %s now in %s", Masking.phone(recipient.address().waId()), done.session().state()));
    }

    private Uni<Void> effect(CitizenRow citizen, CitizenKey key, Effect effect, List<Reply> replies) {
        if (effect instanceof Effect.ChangeLanguage change) {
            citizen.language = change.language().code();
            return Uni.createFrom().voidItem();
        }
        if (effect instanceof Effect.Submit submit) {
            return applications.submit(citizen, key, submit.service(), submit.answers()).invoke(replies::addAll).replaceWithVoid();
        }
        if (effect instanceof Effect.LookUp lookUp) {
            return lookups.ask(citizen, key, lookUp.service(), lookUp.answers()).invoke(replies::addAll).replaceWithVoid();
        }
        if (effect instanceof Effect.PayAgain pay) {
            return payments.payAgain(citizen, pay.applicationRef()).invoke(replies::addAll).replaceWithVoid();
        }
        if (effect instanceof Effect.ProvideInformation info) {
            return applications.provideInformation(citizen, key, info.applicationRef(), info.questionId(), info.answer());
        }
        if (effect instanceof Effect.RequestHandover request) {
            return handovers.open(citizen, key, request);
        }
        if (effect instanceof Effect.ForwardToOfficer forward) {
            return handovers.forward(citizen, key, forward);
        }
        throw new IllegalStateException("Unhandled effect " + effect);
    }

    private Uni<Void> saveSession(String citizenRef, CitizenKey key, SessionRow row, Session session) {
        if (row == null) {
            return saveNewSession(citizenRef, key, session);
        }
        row.state = session.state().name();
        row.data = Json.sealed(key, session);
        row.updatedAt = Instant.now(clock);
        // Flush now, inside the transaction, so a concurrent change fails this message (and it is retried).
        return Panache.flush();
    }

    private Uni<Void> saveNewSession(String citizenRef, CitizenKey key, Session session) {
        SessionRow created = new SessionRow();
        created.citizenRef = citizenRef;
        created.state = session.state().name();
        created.data = Json.sealed(key, session);
        created.updatedAt = Instant.now(clock);
        return created.persist().chain(Panache::flush);
    }

    private CitizenRow newCitizen(WhatsAppMessageReceived message, Instant now) {
        CitizenRow citizen = new CitizenRow();
        citizen.citizenRef = "cit_" + randomText(24);
        citizen.addressKey = message.from().key();
        citizen.waId = message.from().waId();
        citizen.userId = message.from().userId();
        citizen.phoneNumberId = message.phoneNumberId();
        citizen.createdAt = now;
        return citizen;
    }

    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();
    private static final char[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    static String randomText(int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new String(out);
    }

    private boolean idle(SessionRow row, Instant now) {
        return row.updatedAt != null && Duration.between(row.updatedAt, now).compareTo(config.idleRestart()) > 0;
    }
}
