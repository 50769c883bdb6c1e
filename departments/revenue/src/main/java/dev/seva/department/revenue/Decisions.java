package dev.seva.department.revenue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seva.contracts.EventIds;
import dev.seva.contracts.LocalizedText;
import dev.seva.contracts.catalogue.FieldDefinition;
import dev.seva.contracts.catalogue.ServiceDefinition;
import dev.seva.contracts.department.ApplicationEvent;
import dev.seva.contracts.department.ApplicationOutcomeDecided;
import dev.seva.contracts.department.ApplicationOutcomeDecided.Outcome;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The officer's rules, as a department writes them (pure: no Kafka here). A submitted application is
 * checked against the service's definition; an incomplete one is rejected with the reason; a valid
 * one is accepted, then — for services that need it — a question is asked, and finally it is
 * approved with the data its certificate prints. Outcome ids are derived from what they answer, so a
 * redelivered application yields the same outcomes (the platform deduplicates them).
 */
public final class Decisions {

    /** An outcome and how long after the triggering event to publish it. */
    public record Planned(Duration after, ApplicationOutcomeDecided outcome) {
    }

    static final String QUESTION_ID = "familyAssets";

    private final DepartmentConfig config;

    public Decisions(DepartmentConfig config) {
        this.config = config;
    }

    public List<Planned> decide(ApplicationEvent event, Optional<ServiceDefinition> service) {
        List<Planned> plan = new ArrayList<>();
        if (ApplicationEvent.WITHDRAWN.equals(event.eventType())) {
            return plan;
        }
        if (ApplicationEvent.INFORMATION_PROVIDED.equals(event.eventType())) {
            plan.add(new Planned(config.approveAfter(), approved(event, service, Map.of())));
            return plan;
        }
        Optional<String> missing = service.flatMap(s -> firstMissingField(event, s));
        if (service.isEmpty() || missing.isPresent()) {
            String why = service.isEmpty() ? "The Revenue department does not offer this service."
                    : "The application is missing '" + missing.get() + "'.";
            plan.add(new Planned(config.acceptAfter(), outcome(event, Outcome.REJECTED, new LocalizedText(why,
                    service.isEmpty() ? "రెవెన్యూ శాఖ ఈ సేవను అందించదు." : "దరఖాస్తులో '" + missing.get() + "' లేదు.",
                    service.isEmpty() ? "राजस्व विभाग यह सेवा नहीं देता।" : "आवेदन में '" + missing.get() + "' नहीं है।"), null, null)));
            return plan;
        }
        plan.add(new Planned(config.acceptAfter(), outcome(event, Outcome.ACCEPTED, null, null, null)));
        if (config.askFirst().contains(event.serviceId())) {
            plan.add(new Planned(config.acceptAfter(), outcome(event, Outcome.MORE_INFORMATION_NEEDED, null,
                    new ApplicationOutcomeDecided.Question(QUESTION_ID, new LocalizedText(
                            "What land or property does your family own? (for example: 2 acres of farm land, no house)",
                            "మీ కుటుంబానికి ఉన్న భూమి లేదా ఆస్తి ఏమిటి? (ఉదాహరణకు: 2 ఎకరాల వ్యవసాయ భూమి, ఇల్లు లేదు)",
                            "आपके परिवार के पास कौन सी ज़मीन या संपत्ति है? (जैसे: 2 एकड़ खेती की ज़मीन, घर नहीं)"), "text"), null)));
            return plan;
        }
        plan.add(new Planned(config.approveAfter(), approved(event, service, Map.of())));
        return plan;
    }

    private ApplicationOutcomeDecided approved(ApplicationEvent event, Optional<ServiceDefinition> service, Map<String, Object> extra) {
        String documentType = service.map(ServiceDefinition::documentType).orElse(null);
        ApplicationOutcomeDecided.DocumentData document = null;
        if (documentType != null) {
            Map<String, Object> data = new LinkedHashMap<>();
            if (event.fields() != null) {
                event.fields().forEach((key, value) -> printable(value).ifPresent(v -> data.put(key, v)));
            }
            data.put("district", config.office().district());
            data.put("mandal", config.office().mandal());
            data.putAll(extra);
            document = new ApplicationOutcomeDecided.DocumentData(documentType, data, null);
        }
        return outcome(event, Outcome.APPROVED, null, null, document);
    }

    private ApplicationOutcomeDecided outcome(ApplicationEvent event, Outcome outcome, LocalizedText reason,
                                              ApplicationOutcomeDecided.Question question, ApplicationOutcomeDecided.DocumentData document) {
        return new ApplicationOutcomeDecided(
                EventIds.nameBased("dept.revenue.outcome", event.applicationRef(), outcome.wireName(), event.eventId().toString()),
                ApplicationOutcomeDecided.EVENT_TYPE, Instant.now(), config.id(), event.applicationRef(), event.serviceId(),
                event.citizenRef(), outcome, reason, question, document,
                new ApplicationOutcomeDecided.Officer(config.office().officer(), config.office().designation()));
    }

    /** A required field of the definition that the application lacks (files count as present when attached). */
    static Optional<String> firstMissingField(ApplicationEvent event, ServiceDefinition service) {
        for (FieldDefinition field : service.fields()) {
            if (!field.required()) {
                continue;
            }
            boolean inFields = event.fields() != null && event.fields().containsKey(field.id());
            boolean attached = event.attachments() != null && event.attachments().stream().anyMatch(a -> a.fieldId().equals(field.id()));
            if (!inFields && !attached) {
                return Optional.of(field.id());
            }
        }
        return Optional.empty();
    }

    /**
     * What a certificate can print of a field: text, numbers, the masked Aadhaar, an address. A sealed
     * value (what the citizen answered, sealed with their key) is text here and is copied through as
     * it is: the sample holds no key, document-service opens it.
     */
    static Optional<Object> printable(JsonNode value) {
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (value.isTextual()) {
            return Optional.of(value.asText());
        }
        if (value.isNumber()) {
            return Optional.of(value.isIntegralNumber() || value.asDouble() == Math.rint(value.asDouble()) ? (Object) value.asLong() : value.asDouble());
        }
        if (value.isBoolean()) {
            return Optional.of(value.asBoolean());
        }
        if (value.has("masked")) {
            return Optional.of(value.get("masked").asText());
        }
        if (value.has("address")) {
            return Optional.of(value.get("address").asText());
        }
        return Optional.empty();
    }
}
