package dev.seva.conversation.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seva.contracts.EventIds;
import dev.seva.contracts.Topics;
import dev.seva.contracts.department.ApplicationReferences;
import dev.seva.contracts.catalogue.FieldDefinition;
import dev.seva.contracts.catalogue.ServiceDefinition;
import dev.seva.contracts.department.ApplicationEvent;
import dev.seva.conversation.domain.Answer;
import dev.seva.conversation.domain.Messages;
import dev.seva.conversation.domain.Reply;
import dev.seva.conversation.persistence.ApplicationRow;
import dev.seva.conversation.persistence.CitizenRow;
import dev.seva.outbox.Outbox;
import dev.seva.privacy.vault.CitizenKey;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Submitting an application and answering a department's question: the row, the reference number
 * and the department event, all in the caller's transaction. Department events carry the citizen's
 * pseudonymous reference and only the fields the service asked for; Aadhaar as a vault token.
 */
@ApplicationScoped
public class Applications {

    static final ZoneId INDIA = ZoneId.of("Asia/Kolkata");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Inject
    Outbox outbox;

    Clock clock = Clock.systemUTC();

    /** Creates the application and its department event; answers the confirmation to send. */
    public Uni<Reply> submit(CitizenRow citizen, CitizenKey key, ServiceDefinition service, Map<String, Answer> answers) {
        String code = departmentCode(service.departmentId());
        int year = LocalDate.now(clock.withZone(INDIA)).getYear();
        return nextNumber(code, year).chain(number -> {
            String reference = String.format(Locale.ROOT, "SEVA-%s-%d-%06d", code, year, number);
            Instant now = Instant.now(clock);
            ApplicationRow row = new ApplicationRow();
            row.reference = reference;
            row.citizenRef = citizen.citizenRef;
            row.departmentId = service.departmentId();
            row.serviceId = service.id();
            row.serviceVersion = service.version();
            row.serviceName = Json.write(service.names());
            row.documentType = service.documentType();
            row.status = ApplicationRow.SUBMITTED;
            // The citizen's answers (names, addresses, numbers) are sealed with their key.
            row.answers = Json.sealed(key, answers);
            row.slaDays = service.slaDays();
            row.submittedAt = now;
            row.updatedAt = now;
            List<ApplicationEvent.Attachment> attachments = new ArrayList<>();
            Map<String, JsonNode> fields = fields(service, answers, attachments);
            ApplicationEvent event = new ApplicationEvent(EventIds.random(), ApplicationEvent.SUBMITTED, now, service.departmentId(),
                    reference, service.id(), service.version(), citizen.citizenRef, citizen.language, service.slaDays(), fields,
                    attachments.isEmpty() ? null : attachments, null);
            return row.persist()
                    .chain(() -> outbox.append(Topics.departmentApplications(service.departmentId()), citizen.citizenRef, event))
                    .replaceWith(new Reply.Text(Messages.text(dev.seva.conversation.domain.Language.of(citizen.language), "submitted.text",
                            service.names().in(citizen.language), reference, service.slaDays())));
        });
    }

    /** Sends the department the citizen's answer to its question. */
    public Uni<Void> provideInformation(CitizenRow citizen, String reference, String questionId, Answer answer) {
        return ApplicationRow.<ApplicationRow>findById(reference).chain(row -> {
            if (row == null || !row.citizenRef.equals(citizen.citizenRef)) {
                return Uni.createFrom().voidItem();
            }
            row.status = ApplicationRow.SUBMITTED;
            row.pendingQuestion = null;
            row.updatedAt = Instant.now(clock);
            ApplicationEvent event = new ApplicationEvent(EventIds.random(), ApplicationEvent.INFORMATION_PROVIDED, Instant.now(clock),
                    row.departmentId, reference, row.serviceId, null, citizen.citizenRef, citizen.language, null, null,
                    answer.media() == null ? null : List.of(new ApplicationEvent.Attachment(questionId, answer.media().mediaId(),
                            answer.media().mimeType(), answer.media().filename())),
                    new ApplicationEvent.InformationProvided(questionId, value(answer)));
            return outbox.append(Topics.departmentApplications(row.departmentId), citizen.citizenRef, event);
        });
    }

    /** The answers as the department event's fields: canonical values, Aadhaar as a reference, files as attachments. */
    static Map<String, JsonNode> fields(ServiceDefinition service, Map<String, Answer> answers, List<ApplicationEvent.Attachment> attachments) {
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        for (FieldDefinition field : service.fields()) {
            Answer answer = answers.get(field.id());
            if (answer == null || answer.isSkipped()) {
                continue;
            }
            if (answer.media() != null) {
                attachments.add(new ApplicationEvent.Attachment(field.id(), answer.media().mediaId(), answer.media().mimeType(),
                        answer.media().filename()));
                continue;
            }
            fields.put(field.id(), value(answer));
        }
        return fields;
    }

    static JsonNode value(Answer answer) {
        if (answer.aadhaar() != null) {
            return NODES.objectNode().put("token", answer.aadhaar().token()).put("masked", answer.aadhaar().masked());
        }
        if (answer.place() != null) {
            ObjectNode place = NODES.objectNode().put("latitude", answer.place().latitude()).put("longitude", answer.place().longitude());
            if (answer.place().address() != null) {
                place.put("address", answer.place().address());
            }
            return place;
        }
        if (answer.number() != null) {
            return NODES.numberNode(answer.number());
        }
        if (answer.media() != null) {
            return NODES.textNode(answer.media().mediaId());
        }
        return NODES.textNode(answer.value() == null ? "" : answer.value());
    }

    /** The next number of a department's references this year (a row lock serializes submissions of one department). */
    private static Uni<Long> nextNumber(String code, int year) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "INSERT INTO reference_counter (code, year, last_value) VALUES (?1, ?2, 1) "
                                + "ON CONFLICT (code, year) DO UPDATE SET last_value = reference_counter.last_value + 1 RETURNING last_value",
                        Long.class)
                .setParameter(1, code)
                .setParameter(2, year)
                .getSingleResult());
    }

    /** REV for revenue, MUN for municipal: the contract's code, which the validator checks against the topic. */
    static String departmentCode(String departmentId) {
        return ApplicationReferences.departmentCode(departmentId);
    }
}
