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
import dev.seva.contracts.whatsapp.WhatsAppStatusReceived;
import dev.seva.gateway.config.GatewayConfig;
import dev.seva.gateway.messaging.OutgoingRecord;
import dev.seva.gateway.messaging.WebhookEventPublisher;
import dev.seva.gateway.webhook.DeadLetter;
import dev.seva.gateway.webhook.MetaWebhookParser;
import dev.seva.gateway.webhook.ParsedWebhook;
import dev.seva.gateway.webhook.WebhookSignature;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The webhook use case: size, signature, JSON, parse, contract check, publish; the answer is 200 only
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
    private final ContractValidator contracts = ContractValidator.instance();
    private final ObjectMapper strictJson = EventJson.mapper().copy().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private final Clock clock = Clock.systemUTC();

    public WebhookIntake(GatewayConfig config, WebhookEventPublisher publisher, GatewayMetrics metrics) {
        this.config = config;
        this.signature = new WebhookSignature(config.appSecrets());
        this.parser = new MetaWebhookParser(config.phoneNumberIds());
        this.publisher = publisher;
        this.metrics = metrics;
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
                : publish(p, started));
    }

    private Uni<IntakeResult> publish(Prepared prepared, long started) {
        return publisher.publish(prepared.records)
                .ifNoItem().after(config.publishTimeout()).fail()
                .onItem().transform(ignored -> {
                    metrics.publishLatency(System.nanoTime() - started);
                    prepared.records.forEach(r -> metrics.published(r.topic(), r.eventType()));
                    return (IntakeResult) new IntakeResult.Accepted(prepared.messages, prepared.statuses, prepared.deadLetters);
                })
                .onFailure().recoverWithUni(failure -> {
                    LOG.warnf("Kafka did not acknowledge a webhook's %d records in time (%s): answering 503 so Meta retries",
                            prepared.records.size(), failure.getClass().getSimpleName());
                    return reject(IntakeResult.Rejected.kafkaUnavailable());
                });
    }

    /** Everything CPU-bound: JSON, parsing, contract checks, serialization. */
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
        for (Event event : parsed.events()) {
            String topic = event instanceof WhatsAppMessageReceived ? Topics.WHATSAPP_INBOUND : Topics.WHATSAPP_STATUS;
            CitizenAddress address = event instanceof WhatsAppMessageReceived m ? m.from() : ((WhatsAppStatusReceived) event).recipient();
            JsonNode json = EventJson.mapper().valueToTree(event);
            List<ContractViolation> violations = contracts.validate(topic, json);
            if (!violations.isEmpty()) {
                String fields = violations.stream().map(v -> v.field() + " " + v.keyword()).distinct().collect(Collectors.joining(", "));
                prepared.add(new DeadLetter(Topics.deadLetter(topic), address.key(), json, "contract violation: " + fields));
                continue;
            }
            prepared.records.add(new OutgoingRecord(topic, address.key(), event.eventType(), event.eventId().toString(), json.toString(), null));
            if (event instanceof WhatsAppMessageReceived) {
                prepared.messages++;
            } else {
                prepared.statuses++;
            }
        }
        parsed.deadLetters().forEach(prepared::add);
        return prepared;
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

    /** The outcome of the CPU-bound part: records to publish, or why the request is refused. */
    private final class Prepared {
        final List<OutgoingRecord> records = new ArrayList<>();
        IntakeResult.Rejected rejection;
        int messages;
        int statuses;
        int deadLetters;

        void add(DeadLetter deadLetter) {
            deadLetters++;
            metrics.deadLettered(deadLetter.topic(), deadLetter.reason().startsWith("contract") ? "contract_violation" : deadLetter.reason());
            LOG.warnf("Webhook item sent to %s (%s), citizen %s", deadLetter.topic(), deadLetter.reason(), maskedKey(deadLetter.key()));
            String raw = deadLetter.raw().toString();
            records.add(new OutgoingRecord(deadLetter.topic(), deadLetter.key(), DEAD_LETTER_TYPE,
                    EventIds.nameBased(deadLetter.topic(), raw).toString(), raw, deadLetter.reason()));
        }
    }

    private static String maskedKey(String key) {
        if (key == null) {
            return "-";
        }
        return key.chars().allMatch(Character::isDigit) ? Masking.phone(key) : Masking.userId(key);
    }
}
