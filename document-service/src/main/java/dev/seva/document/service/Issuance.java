package dev.seva.document.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.seva.contracts.EventIds;
import dev.seva.contracts.EventJson;
import dev.seva.contracts.Topics;
import dev.seva.contracts.catalogue.ServiceDefinition;
import dev.seva.contracts.department.ApplicationOutcomeDecided;
import dev.seva.contracts.documents.DocumentIssued;
import dev.seva.document.client.CitizenKeys;
import dev.seva.document.domain.Certificate;
import dev.seva.document.domain.PaymentReceipt;
import dev.seva.document.domain.VerificationCode;
import dev.seva.document.persistence.DocumentRow;
import dev.seva.document.persistence.ErasedCitizens;
import dev.seva.outbox.MessageLog;
import dev.seva.outbox.Outbox;
import dev.seva.document.signing.SignatureFailed;
import dev.seva.privacy.vault.CitizenKey;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/**
 * An approved outcome that asks for a document becomes one signed document: rendered and signed on a
 * worker thread (never on the event loop), then stored with its SHA-256 in one transaction with the
 * message-log entry of the outcome and the {@code documents.issued.v1} event (outbox). The same
 * outcome delivered again, or another approval of an application that already has its document,
 * makes no second document (message log, unique outcome id and application reference). Only the
 * topic's department's approvals of its own services, for the document type the catalogue defines for
 * the service, are signed ({@link #allowedByTheCatalogue}). The certificate data arrives sealed with the
 * citizen's key from vault-service and is opened with it ({@link SealedData}); the PDF is stored sealed with
 * it ({@link StoredPdfs}). A citizen the vault says is erased gets nothing, as one in {@code erased_citizen}.
 */
@ApplicationScoped
public class Issuance {

    private static final Logger LOG = Logger.getLogger(Issuance.class);

    @Inject
    CertificateFactory factory;

    @Inject
    MessageLog messageLog;

    @Inject
    Outbox outbox;

    @Inject
    Vertx vertx;

    @Inject
    ServiceCatalogue catalogue;

    @Inject
    MeterRegistry registry;

    Clock clock = Clock.systemUTC();

    @Inject
    ErasedCitizens erasedCitizens;

    @Inject
    CitizenKeys keys;

    /** seva_document_approvals_after_erasure_total: approvals that arrived after their citizen's erasure (nothing issued). */
    Counter approvalsAfterErasure;

    /** seva_document_signature_failures_total: every failed signing attempt (the token refused or was unreachable). */
    Counter signatureFailures;

    @PostConstruct
    void meters() {
        // Registered at start, so the alert's series exists (at 0) before the first failure.
        signatureFailures = Counter.builder("seva.document.signature.failures")
                .description("Documents whose signature could not be made in the PKCS#11 token (each attempt)").register(registry);
        approvalsAfterErasure = Counter.builder("seva.document.approvals.after.erasure")
                .description("Approvals that arrived after their citizen's erasure: no document issued").register(registry);
    }

    public Uni<Void> onOutcome(String topic, ApplicationOutcomeDecided outcome) {
        // The department is the topic's (only that department can write it), never the body's.
        String department = Topics.parseDepartmentTopic(topic).map(Topics.DepartmentTopic::departmentId)
                .orElseThrow(() -> new Unprocessable("cross-department: " + topic + " is not a department topic"));
        if (!department.equals(outcome.departmentId())) {
            throw new Unprocessable("cross-department: departmentId " + outcome.departmentId() + " on the topic of " + department);
        }
        if (outcome.outcome() != ApplicationOutcomeDecided.Outcome.APPROVED || outcome.document() == null) {
            return Uni.createFrom().voidItem();
        }
        return allowedByTheCatalogue(department, outcome)
                .chain(() -> Panache.withSession(() -> erasedCitizens.erased(outcome.citizenRef())))
                .chain(erased -> erased ? afterErasure(outcome, "erased_citizen") : issueOnce(topic, department, outcome));
    }

    private Uni<Void> issueOnce(String topic, String department, ApplicationOutcomeDecided outcome) {
        // One certificate per application; the application's payment receipt (receiptNumber set) is no certificate.
        return Panache.withSession(() -> DocumentRow.count("outcomeEventId = ?1 or (applicationRef = ?2 and receiptNumber is null)",
                        outcome.eventId(), outcome.applicationRef()))
                .chain(existing -> {
                    if (existing > 0) {
                        LOG.infof("Application %s already has its document; outcome %s skipped", outcome.applicationRef(), outcome.eventId());
                        return Uni.createFrom().voidItem();
                    }
                    // The citizen's key opens the data and seals the PDF. The vault answering 410 means the citizen was
                    // erased (the erasure event may not have reached this service yet): as after erasure, nothing is issued.
                    // VaultUnavailable / VaultRefused fail the Uni: Consumers waits for the vault, never dead-letters.
                    return keys.of(outcome.citizenRef()).chain(key -> key.isEmpty()
                            ? afterErasure(outcome, "the vault")
                            : issue(topic, department, outcome, key.get()));
                });
    }

    /**
     * A department signs only its own services' documents, of the type the catalogue defines for the
     * service: the approval names its service, the service is the topic's department's, and the document
     * type is the service's. Anything else is dead-lettered (no document, so nothing reaches the citizen).
     */
    private Uni<Void> allowedByTheCatalogue(String department, ApplicationOutcomeDecided o) {
        if (PaymentReceipt.DOCUMENT_TYPE.equals(o.document().type())) {
            throw new Unprocessable("cross-service: a payment_receipt is issued from payments.events.v1, never from an approval");
        }
        if (o.serviceId() == null) {
            throw new Unprocessable("cross-service: an approval with a document names no serviceId, so its document type cannot be checked");
        }
        return catalogue.definition(o.serviceId()).invoke(found -> {
            ServiceDefinition service = found.orElseThrow(() -> new Unprocessable("cross-service: service " + o.serviceId() + " is not in the catalogue"));
            if (!department.equals(service.departmentId())) {
                throw new Unprocessable("cross-department: service " + service.id() + " belongs to " + service.departmentId()
                        + ", the approval came from " + department);
            }
            if (!o.document().type().equals(service.documentType())) {
                throw new Unprocessable("cross-service: document type " + o.document().type() + " is not the one of service "
                        + service.id() + " (" + service.documentType() + ")");
            }
        }).replaceWithVoid();
    }

    private Uni<Void> issue(String topic, String department, ApplicationOutcomeDecided outcome, CitizenKey key) {
        Instant issuedAt = Instant.now(clock);
        // Opened before anything is rendered, masked (the holder) or kept (the public fields); a value sealed for
        // another citizen is Unprocessable (dead-lettered, nothing issued).
        Map<String, Object> data = SealedData.open(key, outcome.applicationRef(), outcome.document().data());
        Certificate certificate;
        try {
            certificate = factory.certificate(CertificateFactory.newDocumentId(), outcome, data, issuedAt);
        } catch (CertificateFactory.MissingData e) {
            throw new Unprocessable(e.getMessage());
        }
        if (!factory.templates().has(outcome.document().type())) {
            LOG.warnf("No template for document type %s: the generic certificate is used for %s", outcome.document().type(), outcome.applicationRef());
        }
        Timer.Sample timing = Timer.start(registry);
        // Rendered, signed and sealed for storage with the citizen's key on a worker thread.
        return vertx.executeBlocking(Uni.createFrom().item(() -> sealed(factory.issue(certificate, issuedAt), certificate, key)), false)
                .onFailure(SignatureFailed.class).invoke(e -> {
                    signatureFailures.increment();
                    LOG.errorf("Document for %s could not be signed (%s); the approval waits for the token", outcome.applicationRef(), e.getMessage());
                })
                .invoke(() -> timing.stop(registry.timer("seva.document.generation", "type", outcome.document().type())))
                .chain(signed -> Panache.withTransaction(() -> messageLog.firstDelivery(outcome.eventId(), topic)
                        .chain(first -> first ? storeUnlessErased(department, outcome, certificate, signed, issuedAt) : Uni.createFrom().item(false))))
                .invoke(stored -> {
                    if (stored) {
                        LOG.infof("Issued %s %s for %s", outcome.document().type(), certificate.documentId(), outcome.applicationRef());
                    }
                })
                .replaceWithVoid();
    }

    /**
     * The citizen's erasure was carried out before this approval arrived (a legitimate race, not a broken
     * record: not dead-lettered): nothing is issued, nothing is published. Logged by event id only.
     */
    private Uni<Void> afterErasure(ApplicationOutcomeDecided outcome, String knownFrom) {
        approvalsAfterErasure.increment();
        LOG.infof("Approval %s is for a citizen erased before it arrived (%s): no document issued", outcome.eventId(), knownFrom);
        return Uni.createFrom().voidItem();
    }

    /** Under the citizen's lock (see ErasedCitizens): an erasure committed while this document was being signed wins. */
    private Uni<Boolean> storeUnlessErased(String department, ApplicationOutcomeDecided outcome, Certificate certificate,
                                           SealedPdf signed, Instant issuedAt) {
        return erasedCitizens.unlessErased(outcome.citizenRef(), () -> store(department, outcome, certificate, signed, issuedAt),
                () -> afterErasure(outcome, "erased_citizen"));
    }

    private Uni<Void> store(String department, ApplicationOutcomeDecided outcome, Certificate certificate, SealedPdf signed, Instant issuedAt) {
        DocumentRow row = new DocumentRow();
        row.id = certificate.documentId();
        row.outcomeEventId = outcome.eventId();
        row.applicationRef = outcome.applicationRef();
        row.citizenRef = outcome.citizenRef();
        row.departmentId = department;
        row.documentType = outcome.document().type();
        row.fileName = CertificateFactory.fileName(row.documentType, row.applicationRef);
        row.issuedAt = issuedAt;
        row.validUntil = outcome.document().validUntil();
        row.holderMasked = certificate.maskedHolder();
        // The key fields (income, caste, address) are the citizen's too: sealed like the PDF, opened by the
        // verification page with the printed code; unreadable in backups once the vault destroys the key.
        row.publicFields = signed.publicFields();
        row.verificationCodeHash = VerificationCode.hash(row.id, certificate.verificationCode());
        // Sealed with the citizen's key (StoredPdfs); the SHA-256 and size are the clear PDF's, the file the citizen holds.
        row.pdf = signed.sealed();
        row.sha256 = signed.sha256();
        row.sizeBytes = signed.size();
        row.status = DocumentRow.VALID;
        DocumentIssued event = new DocumentIssued(EventIds.nameBased("documents.issued", outcome.eventId().toString()), DocumentIssued.EVENT_TYPE,
                issuedAt, row.id, row.documentType, row.applicationRef, row.departmentId, row.citizenRef, row.fileName, row.sha256,
                row.sizeBytes, certificate.verificationUrl(), issuedAt, row.validUntil);
        return row.persist().chain(() -> outbox.append(Topics.DOCUMENTS_ISSUED, row.citizenRef, event));
    }

    /** The signed PDF as it is stored (sealed with the citizen's key), with the clear file's SHA-256 and size. */
    record SealedPdf(byte[] sealed, String sha256, int size, String publicFields) {
    }

    private static SealedPdf sealed(CertificateFactory.SignedPdf signed, Certificate certificate, CitizenKey key) {
        return new SealedPdf(StoredPdfs.seal(key, signed.pdf()), signed.sha256(), signed.pdf().length, key.seal(json(certificate.publicFields())));
    }

    private static String json(Object value) {
        try {
            return EventJson.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
