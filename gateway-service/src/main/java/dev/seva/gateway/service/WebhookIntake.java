package dev.seva.gateway.service;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seva.contracts.CitizenAddress;
import dev.seva.contracts.ContractValidator;
import dev.seva.contracts.ContractViolation;
import dev.seva.contracts.Event;
import dev.seva.contracts.EventIds;
import dev.seva.contracts.EventJson;
import dev.seva.contracts.Topics;
import dev.seva.contracts.privacy.Masking;
import dev.seva.contracts.whatsapp.WhatsAppMessageReceived;
import dev.seva.contracts.whatsapp.WhatsAppPaymentReceived;
import dev.seva.contracts.whatsapp.WhatsAppStatusReceived;
import dev.seva.gateway.client.AadhaarTokens;
import dev.seva.gateway.config.GatewayConfig;
import dev.seva.gateway.messaging.OutgoingRecord;
import dev.seva.gateway.messaging.WebhookEventPublisher;
import dev.seva.gateway.webhook.AadhaarInJson;
import dev.seva.gateway.webhook.DeadLetter;
import dev.seva.gateway.webhook.MetaWebhookParser;
import dev.seva.gateway.webhook.ParsedWebhook;
import dev.seva.gateway.webhook.WebhookSignature;
import dev.seva.privacy.aadhaar.AadhaarInText;
import dev.seva.privacy.vault.VaultClient;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The webhook use case: size, signature, JSON, parse, per-sender cap, Aadhaar numbers to vault tokens,
 * contract check, publish; the answer is 200 only
 * when Kafka acknowledged every record of the request. Checks run in the order that costs an attacker
 * the most and us the least: the signature is verified on the raw bytes before anything is parsed.
 */
@ApplicationScoped
public class WebhookIntake {

    private static final Logger LOG = Logger.getLogger(WebhookIntake.class);
    static final String DEAD_LETTER_TYPE = "whatsapp.webhook.dead_letter";

    private final GatewayConfig config;
    private final WebhookSignature signature;
    private final MetaWebhookParser parser;
    private final WebhookEventPublisher publisher;
    private final GatewayMetrics metrics;
    private final AadhaarTokens aadhaarTokens;
    private final FloodCap floodCap;
    private final ContractValidator contracts = ContractValidator.instance();
    private final ObjectMapper strictJson = EventJson.mapper().copy().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private final Clock clock = Clock.systemUTC();

    public WebhookIntake(GatewayConfig config, WebhookEventPublisher publisher, GatewayMetrics metrics, AadhaarTokens aadhaarTokens) {
        this.config = config;
        this.signature = new WebhookSignature(config.appSecrets());
        this.parser = new MetaWebhookParser(config.phoneNumberIds());
        this.publisher = publisher;
        this.metrics = metrics;
        this.aadhaarTokens = aadhaarTokens;
        GatewayConfig.Flood flood = config.flood();
        this.floodCap = new FloodCap(flood.messages(), flood.period(), flood.burst(), flood.maxSenders());
    }

    public Uni<IntakeResult> receive(byte[] body, String signatureHeader) {
        metrics.received();
        if (body.length > config.maxBodyBytes()) {
            return reject(IntakeResult.Rejected.tooLarge(config.maxBodyBytes()));
        }
        switch (signature.verify(signatureHeader, body)) {
            case MISSING -> {
                return reject(IntakeResult.Rejected.signatureMissing());
            }
            case MALFORMED, MISMATCH -> {
                return reject(IntakeResult.Rejected.signatureInvalid());
            }
            case VALID -> {
                // go on
            }
        }
        long started = System.nanoTime();
        Uni<Prepared> prepared = Uni.createFrom().item(() -> prepare(body));
        if (body.length > config.inlineParseLimitBytes()) {
            prepared = prepared.runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
        }
        return prepared.onItem().transformToUni(p -> p.rejection != null
                ? reject(p.rejection)
                : protectAadhaar(p, started));
    }

    /**
     * No Aadhaar number reaches Kafka in clear: the valid ones in the citizens' text are replaced by
     * vault tokens, every other Aadhaar-shaped number is masked. The vault is called only for a webhook
     * that holds a valid number; when it cannot answer, nothing of the webhook is published and Meta is
     * answered 503, so it redelivers the webhook later (the same eventIds) and no message is lost.
     */
    private Uni<IntakeResult> protectAadhaar(Prepared prepared, long started) {
        if (prepared.aadhaarNumbers.isEmpty()) {
            prepared.finish(Map.of());
            return publish(prepared, started);
        }
        return aadhaarTokens.tokenize(prepared.aadhaarNumbers)
                .ifNoItem().after(config.vaultTimeout().plusSeconds(1)).fail()
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .onItemOrFailure().transformToUni((tokens, failure) -> {
                    if (failure != null) {
                        return vaultFailed(prepared, failure);
                    }
                    metrics.aadhaarTokenized(tokens.size());
                    prepared.finish(tokens);
                    return publish(prepared, started);
                });
    }

    private Uni<IntakeResult> vaultFailed(Prepared prepared, Throwable failure) {
        if (failure instanceof VaultClient.VaultRefused refused) {
            LOG.errorf("vault-service refused the gateway (%d): check VAULT_CLIENT_SECRET and the vault's client rights; "
                    + "answering 503 so Meta redelivers the webhook's %d events", refused.status(), prepared.pending.size());
        } else {
            LOG.warnf("vault-service did not tokenize a webhook's Aadhaar numbers (%s): answering 503 so Meta redelivers its %d events",
                    failure.getClass().getSimpleName(), prepared.pending.size());
        }
        return reject(IntakeResult.Rejected.vaultUnavailable());
    }

    private Uni<IntakeResult> publish(Prepared prepared, long started) {
        return publisher.publish(prepared.records)
                .ifNoItem().after(config.publishTimeout()).fail()
                .onItem().transform(ignored -> {
                    metrics.publishLatency(System.nanoTime() - started);
                    prepared.records.forEach(r -> metrics.published(r.topic(), r.eventType()));
                    return (IntakeResult) new IntakeResult.Accepted(prepared.messages, prepared.statuses, prepared.deadLetters, prepared.throttled);
                })
                .onFailure().recoverWithUni(failure -> {
                    LOG.warnf("Kafka did not acknowledge a webhook's %d records in time (%s): answering 503 so Meta retries",
                            prepared.records.size(), failure.getClass().getSimpleName());
                    return reject(IntakeResult.Rejected.kafkaUnavailable());
                });
    }

    /** The CPU-bound part before the vault: JSON, parsing, the per-sender cap, finding Aadhaar numbers. */
    private Prepared prepare(byte[] body) {
        JsonNode root;
        try {
            root = strictJson.readTree(body);
        } catch (JacksonException e) {
            var at = e.getLocation();
            return rejected(IntakeResult.Rejected.notJson(at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
        } catch (IOException e) {
            return rejected(IntakeResult.Rejected.notJson(""));
        }
        if (root == null || root.isMissingNode()) {
            return rejected(IntakeResult.Rejected.notJson(" (the body is empty)"));
        }
        ParsedWebhook parsed = parser.parse(root, Instant.now(clock));
        parsed.ignored().forEach((reason, count) -> metrics.ignored(reason.tag(), count));

        Prepared prepared = new Prepared();
        long now = System.nanoTime();
        for (Event event : parsed.events()) {
            boolean message = event instanceof WhatsAppMessageReceived;
            boolean payment = event instanceof WhatsAppPaymentReceived;
            CitizenAddress address = message ? ((WhatsAppMessageReceived) event).from()
                    : payment ? ((WhatsAppPaymentReceived) event).recipient() : ((WhatsAppStatusReceived) event).recipient();
            if (message && throttled(address.key(), now)) {
                prepared.throttled++;
                continue;
            }
            JsonNode json = EventJson.mapper().valueToTree(event);
            // Statuses carry no text a citizen wrote; only messages are scanned.
            if (message && AadhaarInJson.containsCandidate(json)) {
                prepared.aadhaarNumbers.addAll(AadhaarInJson.validNumbers(json));
            }
            String topic = message ? Topics.WHATSAPP_INBOUND : payment ? Topics.WHATSAPP_PAYMENTS : Topics.WHATSAPP_STATUS;
            prepared.pending.add(new Pending(topic, address.key(), event, json, message));
        }
        prepared.parserDeadLetters.addAll(parsed.deadLetters());
        return prepared;
    }

    /** The per-sender hard cap (statuses are never capped): over it the message is acknowledged, counted and not published. */
    private boolean throttled(String sender, long now) {
        FloodCap.Decision decision = floodCap.take(sender, now);
        if (decision == FloodCap.Decision.ALLOW) {
            return false;
        }
        metrics.throttled();
        if (decision == FloodCap.Decision.THROTTLE_AND_LOG) {
            GatewayConfig.Flood flood = config.flood();
            LOG.warnf("Sender %s is over the gateway's cap (%d messages per %s, burst %d): its messages are acknowledged and not published",
                    floodCap.logId(sender), flood.messages(), flood.period().toString().substring(2).toLowerCase(Locale.ROOT), flood.burst());
        }
        return true;
    }

    private Prepared rejected(IntakeResult.Rejected rejection) {
        Prepared prepared = new Prepared();
        prepared.rejection = rejection;
        return prepared;
    }

    private Uni<IntakeResult> reject(IntakeResult.Rejected rejection) {
        metrics.rejected(rejection.reason());
        LOG.debugf("Webhook rejected: %s", rejection.reason());
        return Uni.createFrom().item(rejection);
    }

    /** An event ready to be checked and published once its Aadhaar numbers have tokens. */
    private record Pending(String topic, String key, Event event, JsonNode json, boolean message) {
    }

    /** The outcome of the CPU-bound part: records to publish, or why the request is refused. */
    private final class Prepared {
        final List<Pending> pending = new ArrayList<>();
        final List<DeadLetter> parserDeadLetters = new ArrayList<>();
        final Set<String> aadhaarNumbers = new LinkedHashSet<>();
        final List<OutgoingRecord> records = new ArrayList<>();
        IntakeResult.Rejected rejection;
        int messages;
        int statuses;
        int deadLetters;
        int throttled;

        /** Replaces the Aadhaar numbers (tokens for those in {@code tokens}, masks for the rest), checks each event's contract, serializes. */
        void finish(Map<String, AadhaarInText.Token> tokens) {
            for (Pending p : pending) {
                JsonNode json = p.message() ? AadhaarInJson.replace(p.json(), tokens) : p.json();
                List<ContractViolation> violations = contracts.validate(p.topic(), json);
                if (!violations.isEmpty()) {
                    String fields = violations.stream().map(v -> v.field() + " " + v.keyword()).distinct().collect(Collectors.joining(", "));
                    add(new DeadLetter(Topics.deadLetter(p.topic()), p.key(), json, "contract violation: " + fields));
                    continue;
                }
                records.add(OutgoingRecord.event(p.topic(), p.key(), p.event().eventType(), p.event().eventId().toString(), json.toString()));
                if (p.message()) {
                    messages++;
                } else {
                    statuses++;
                }
            }
            parserDeadLetters.forEach(this::add);
        }

        /** A dead letter holds no Aadhaar-shaped number in clear: masked, valid or not (no vault call for what is not published). */
        void add(DeadLetter deadLetter) {
            deadLetters++;
            metrics.deadLettered(deadLetter.topic(), deadLetter.reason().startsWith("contract") ? "contract_violation" : deadLetter.reason());
            LOG.warnf("Webhook item sent to %s (%s), citizen %s", deadLetter.topic(), deadLetter.reason(), maskedKey(deadLetter.key()));
            String raw = AadhaarInJson.mask(deadLetter.raw()).toString();
            // The platform's one dead-letter layout (reason, original topic); no offset or attempts: the item was never a record.
            records.add(OutgoingRecord.deadLetter(dev.seva.consumer.DeadLetter.builder(deadLetter.originalTopic(), deadLetter.key(), raw)
                    .event(DEAD_LETTER_TYPE, EventIds.nameBased(deadLetter.topic(), raw).toString())
                    .reason(deadLetter.reason())
                    .build()));
        }
    }

    private static String maskedKey(String key) {
        if (key == null) {
            return "-";
        }
        return key.chars().allMatch(Character::isDigit) ? Masking.phone(key) : Masking.userId(key);
    }
}
