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
import dev.seva.privacy.vault.SealedJson;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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

    @Inject
    Payments payments;

    /**
     * Creates the application and its department event; answers the confirmation to send. A service whose fee is paid
     * first keeps the event until payment-service says it is paid ({@link Payments}), and answers the payment request.
     */
    public Uni<List<Reply>> submit(CitizenRow citizen, CitizenKey key, ServiceDefinition service, Map<String, Answer> answers) {
        String code = departmentCode(service.departmentId());
        int year = LocalDate.now(clock.withZone(INDIA)).getYear();
        return issueReference(code, year).chain(reference -> {
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
            // What the citizen answered travels sealed with their key: the department opens it with the
            // key, and after an erasure no copy in the topic or its backups can be read (decision 009).
            Map<String, JsonNode> fields = SealedJson.sealAll(key, fields(service, answers, attachments));
            ApplicationEvent event = new ApplicationEvent(EventIds.random(), ApplicationEvent.SUBMITTED, now, service.departmentId(),
                    reference, service.id(), service.version(), citizen.citizenRef, citizen.language, service.slaDays(), fields,
                    attachments.isEmpty() ? null : attachments, null);
            if (payments.paidFirst(service)) {
                // Sealed already: kept until paid, it is what the department receives (and what an erasure shreds).
                row.status = ApplicationRow.AWAITING_PAYMENT;
                row.pendingSubmission = Json.write(event);
                row.feePaise = Payments.paise(service.feeRupees());
                row.feeRefundable = service.refundsFee();
                row.paymentAttempt = 1;
                return row.persist().chain(() -> payments.requestPayment(citizen, row, true));
            }
            return row.persist()
                    .chain(() -> outbox.append(Topics.departmentApplications(service.departmentId()), citizen.citizenRef, event))
                    .replaceWith(List.<Reply>of(new Reply.Text(Messages.text(dev.seva.conversation.domain.Language.of(citizen.language),
                            "submitted.text", service.names().in(citizen.language), reference, service.slaDays()))));
        });
    }

    /**
     * A bill or tax the department looked up, to be paid: an application awaiting its payment, with the department event
     * ready (the look-up's sealed fields; {@code feePaid.billId} is added when paid). Refundable: a bill paid twice, or one
     * the department no longer holds open, is rejected by the department and the money goes back.
     */
    public Uni<ApplicationRow> openBill(CitizenRow citizen, dev.seva.conversation.persistence.LookupRow lookup, Map<String, JsonNode> fields,
                                        dev.seva.contracts.department.LookupAnswered.Bill bill) {
        int year = LocalDate.now(clock.withZone(INDIA)).getYear();
        return issueReference(departmentCode(lookup.departmentId), year).chain(reference -> {
            Instant now = Instant.now(clock);
            ApplicationRow row = new ApplicationRow();
            row.reference = reference;
            row.citizenRef = citizen.citizenRef;
            row.departmentId = lookup.departmentId;
            row.serviceId = lookup.serviceId;
            row.serviceVersion = lookup.serviceVersion;
            row.serviceName = lookup.serviceName;
            row.answers = lookup.answers;
            row.slaDays = 0;
            row.submittedAt = now;
            row.updatedAt = now;
            row.status = ApplicationRow.AWAITING_PAYMENT;
            row.pendingSubmission = Json.write(new ApplicationEvent(EventIds.random(), ApplicationEvent.SUBMITTED, now, lookup.departmentId,
                    reference, lookup.serviceId, lookup.serviceVersion, citizen.citizenRef, citizen.language, 0, fields, null, null));
            row.feePaise = bill.amountPaise();
            row.feeRefundable = true;
            row.paymentAttempt = 1;
            row.billId = bill.billId();
            row.billPeriod = bill.period() == null ? null : Json.write(bill.period());
            return row.persist().replaceWith(row);
        });
    }

    /** Sends the department the citizen's answer to its question. */
    public Uni<Void> provideInformation(CitizenRow citizen, CitizenKey key, String reference, String questionId, Answer answer) {
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
                    new ApplicationEvent.InformationProvided(questionId, SealedJson.seal(key, value(answer))));
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

    /**
     * A new reference, {@code SEVA-<CODE>-<YYYY>-<NNNNNN>} with six random digits: a reference tells
     * nothing of how many applications a department has nor which came before (the sequential counter
     * it replaces did, and let one guess others'). Claimed in {@code issued_reference} by an insert that
     * does nothing on a number already taken (no error, so the caller's transaction goes on) and tried
     * again with a new number; two submissions drawing the same number wait on each other's row, and
     * one of them draws again. The space is a million per department and year: at half full a draw
     * takes two tries on average; from the eighth draw a warning is logged, and {@link #MAX_DRAWS}
     * failing in a row means the space is nearly exhausted, an error an operator must see (the
     * submission fails and is retried by the consumer, the citizen's message is not lost).
     */
    public Uni<String> issueReference(String code, int year) {
        return issueReference(code, year, 1);
    }

    private Uni<String> issueReference(String code, int year, int attempt) {
        String reference = ApplicationReferences.format(code, year, DRAWS.nextInt(1_000_000));
        return Panache.getSession().chain(session -> session.createNativeQuery(
                                "INSERT INTO issued_reference (reference, code, year) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING")
                        .setParameter(1, reference)
                        .setParameter(2, code)
                        .setParameter(3, year)
                        .executeUpdate())
                .chain(inserted -> {
                    if (inserted == 1) {
                        return Uni.createFrom().item(reference);
                    }
                    if (attempt == 8) {
                        LOG.warnf("Eight application references of %s in %d were taken in a row: the reference space is filling up", code, year);
                    }
                    if (attempt >= MAX_DRAWS) {
                        return Uni.createFrom().failure(new IllegalStateException("No free application reference for " + code + " in " + year
                                + " after " + MAX_DRAWS + " draws: the department's reference space is nearly exhausted"));
                    }
                    return issueReference(code, year, attempt + 1);
                });
    }

    static final int MAX_DRAWS = 32;
    private static final SecureRandom DRAWS = new SecureRandom();
    private static final Logger LOG = Logger.getLogger(Applications.class);

    /** REV for revenue, MUN for municipal: the contract's code, which the validator checks against the topic. */
    static String departmentCode(String departmentId) {
        return ApplicationReferences.departmentCode(departmentId);
    }
}
