package dev.seva.document.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.seva.contracts.EventIds;
import dev.seva.contracts.EventJson;
import dev.seva.contracts.LocalizedText;
import dev.seva.contracts.Topics;
import dev.seva.contracts.catalogue.ServiceDefinition;
import dev.seva.contracts.documents.DocumentIssued;
import dev.seva.contracts.payments.PaymentEvent;
import dev.seva.document.client.CitizenKeys;
import dev.seva.document.domain.Bilingual;
import dev.seva.document.domain.PaymentReceipt;
import dev.seva.document.domain.VerificationCode;
import dev.seva.document.persistence.DocumentRow;
import dev.seva.document.persistence.ErasedCitizens;
import dev.seva.document.signing.SignatureFailed;
import dev.seva.outbox.MessageLog;
import dev.seva.outbox.Outbox;
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
import java.util.Optional;

/**
 * Every {@code payment.paid} on {@code payments.events.v1} becomes one signed payment receipt, verifiable like a
 * certificate (QR code to {@code /verify/{documentId}}, printed verification code, PAdES signature with the same
 * token key), stored sealed with the citizen's key and announced on {@code documents.issued.v1}
 * ({@code documentType: payment_receipt}) in one transaction with the message-log entry (outbox). Exactly once
 * per payment: the event id in the message log and the unique receipt number, so a redelivered event, or the
 * same payment replayed under another event id, issues nothing more. Other payment events are ignored. The
 * department must be the catalogue's (and the service, when named, that department's): otherwise the event is
 * dead-lettered, as an approval is. A citizen already erased gets no receipt.
 */
@ApplicationScoped
public class ReceiptIssuance {

    private static final Logger LOG = Logger.getLogger(ReceiptIssuance.class);

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
    ErasedCitizens erasedCitizens;

    @Inject
    CitizenKeys keys;

    @Inject
    MeterRegistry registry;

    Clock clock = Clock.systemUTC();

    /** The same series as certificates' (seva_document_signature_failures_total): the token fails both alike. */
    Counter signatureFailures;

    @PostConstruct
    void meters() {
        signatureFailures = Counter.builder("seva.document.signature.failures")
                .description("Documents whose signature could not be made in the PKCS#11 token (each attempt)").register(registry);
    }

    public Uni<Void> onPayment(String topic, PaymentEvent event) {
        if (!PaymentEvent.PAID.equals(event.eventType())) {
            return Uni.createFrom().voidItem();
        }
        return serviceName(event)
                .chain(service -> Panache.withSession(() -> erasedCitizens.erased(event.citizenRef()))
                        .chain(erased -> erased ? afterErasure(event, "erased_citizen") : issueOnce(topic, event, service.orElse(null))));
    }

    /**
     * The catalogue's name of the payment's service, after checking the department is one the catalogue knows and
     * the service (when named) is that department's; otherwise the payment is dead-lettered.
     */
    private Uni<Optional<Bilingual>> serviceName(PaymentEvent event) {
        String department = event.departmentId();
        if (event.serviceId() == null) {
            return catalogue.knowsDepartment(department).map(known -> {
                if (!known) {
                    throw new Unprocessable("unknown-department: no service of department " + department + " is in the catalogue");
                }
                return Optional.empty();
            });
        }
        return catalogue.definition(event.serviceId()).map(found -> {
            ServiceDefinition service = found.orElseThrow(() -> new Unprocessable("cross-service: service " + event.serviceId()
                    + " of the payment is not in the catalogue"));
            if (!department.equals(service.departmentId())) {
                throw new Unprocessable("cross-department: service " + service.id() + " belongs to " + service.departmentId()
                        + ", the payment names " + department);
            }
            return Optional.ofNullable(bilingual(service.names()));
        });
    }

    private Uni<Void> issueOnce(String topic, PaymentEvent event, Bilingual service) {
        return Panache.withSession(() -> DocumentRow.count("outcomeEventId = ?1 or receiptNumber = ?2", event.eventId(), event.receiptNumber()))
                .chain(existing -> {
                    if (existing > 0) {
                        LOG.infof("Receipt %s is issued already; payment event %s skipped", event.receiptNumber(), event.eventId());
                        return Uni.createFrom().voidItem();
                    }
                    // The vault answering 410: the citizen was erased (the erasure event may not be here yet): nothing issued.
                    // VaultUnavailable / VaultRefused fail the Uni: the pipeline waits for the vault, never dead-letters.
                    return keys.of(event.citizenRef()).chain(key -> key.isEmpty()
                            ? afterErasure(event, "the vault")
                            : issue(topic, event, service, key.get()));
                });
    }

    private Uni<Void> issue(String topic, PaymentEvent event, Bilingual service, CitizenKey key) {
        Instant issuedAt = Instant.now(clock);
        PaymentReceipt receipt = factory.receipt(CertificateFactory.newDocumentId(), event, service, issuedAt);
        Timer.Sample timing = Timer.start(registry);
        // Rendered, signed and sealed for storage with the citizen's key on a worker thread (never on the event loop).
        return vertx.executeBlocking(Uni.createFrom().item(() -> sealed(factory.issue(receipt, issuedAt), receipt, key)), false)
                .onFailure(SignatureFailed.class).invoke(e -> {
                    signatureFailures.increment();
                    LOG.errorf("Receipt %s could not be signed (%s); the payment waits for the token", event.receiptNumber(), e.getMessage());
                })
                .invoke(() -> timing.stop(registry.timer("seva.document.generation", "type", PaymentReceipt.DOCUMENT_TYPE)))
                .chain(signed -> Panache.withTransaction(() -> messageLog.firstDelivery(event.eventId(), topic)
                        .chain(first -> first ? storeUnlessErased(event, receipt, signed, issuedAt) : Uni.createFrom().item(false))))
                .invoke(stored -> {
                    if (stored) {
                        LOG.infof("Issued payment receipt %s %s for %s", event.receiptNumber(), receipt.documentId(), event.applicationRef());
                    }
                })
                .replaceWithVoid();
    }

    /** A payment of a citizen erased before it arrived: nothing to issue (not the record's fault). Logged by event id only. */
    private Uni<Void> afterErasure(PaymentEvent event, String knownFrom) {
        LOG.infof("Payment %s is for a citizen erased before it arrived (%s): no receipt issued", event.eventId(), knownFrom);
        return Uni.createFrom().voidItem();
    }

    /** Under the citizen's lock (see ErasedCitizens): an erasure committed while this receipt was being signed wins. */
    private Uni<Boolean> storeUnlessErased(PaymentEvent event, PaymentReceipt receipt, Issuance.SealedPdf signed, Instant issuedAt) {
        return erasedCitizens.unlessErased(event.citizenRef(), () -> store(event, receipt, signed, issuedAt),
                () -> afterErasure(event, "erased_citizen"));
    }

    private Uni<Void> store(PaymentEvent event, PaymentReceipt receipt, Issuance.SealedPdf signed, Instant issuedAt) {
        DocumentRow row = new DocumentRow();
        row.id = receipt.documentId();
        row.outcomeEventId = event.eventId();
        row.applicationRef = event.applicationRef();
        row.citizenRef = event.citizenRef();
        row.departmentId = event.departmentId();
        row.documentType = PaymentReceipt.DOCUMENT_TYPE;
        row.fileName = PaymentReceipt.fileName(event.receiptNumber());
        row.issuedAt = issuedAt;
        row.receiptNumber = event.receiptNumber();
        row.amountPaise = event.amountPaise();
        // What the page adds with the printed code (service, method, time, gateway id): sealed like a certificate's key fields.
        row.publicFields = signed.publicFields();
        row.verificationCodeHash = VerificationCode.hash(row.id, receipt.verificationCode());
        row.pdf = signed.sealed();
        row.sha256 = signed.sha256();
        row.sizeBytes = signed.size();
        row.status = DocumentRow.VALID;
        DocumentIssued issued = new DocumentIssued(EventIds.nameBased("documents.issued", "payment", event.eventId().toString()),
                DocumentIssued.EVENT_TYPE, issuedAt, row.id, row.documentType, row.applicationRef, row.departmentId, row.citizenRef, row.fileName,
                row.sha256, row.sizeBytes, receipt.verificationUrl(), issuedAt, null);
        return row.persist().chain(() -> outbox.append(Topics.DOCUMENTS_ISSUED, row.citizenRef, issued));
    }

    private static Issuance.SealedPdf sealed(CertificateFactory.SignedPdf signed, PaymentReceipt receipt, CitizenKey key) {
        return new Issuance.SealedPdf(StoredPdfs.seal(key, signed.pdf()), signed.sha256(), signed.pdf().length, key.seal(json(receipt)));
    }

    private static String json(PaymentReceipt receipt) {
        try {
            return EventJson.mapper().writeValueAsString(receipt.publicFields());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Bilingual bilingual(LocalizedText names) {
        return names == null || names.en() == null || names.en().isBlank() ? null : new Bilingual(names.en(), names.te());
    }
}
