package dev.seva.document.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * An issued document, certificate or payment receipt (table {@code document}, see V1__documents.sql, V2__revoked_by.sql,
 * V3__verification_code.sql and V5__payment_receipts.sql).
 */
@Entity
@Table(name = "document")
public class DocumentRow extends PanacheEntityBase {

    public static final String VALID = "valid";
    public static final String REVOKED = "revoked";

    @Id
    public String id;

    /** The event that caused the document: the approved outcome's, or for a receipt the payment.paid's. */
    @Column(name = "outcome_event_id", nullable = false, unique = true)
    public UUID outcomeEventId;

    @Column(name = "application_ref")
    public String applicationRef;

    @Column(name = "citizen_ref")
    public String citizenRef;

    @Column(name = "department_id", nullable = false)
    public String departmentId;

    @Column(name = "document_type", nullable = false)
    public String documentType;

    @Column(name = "file_name")
    public String fileName;

    @Column(name = "issued_at", nullable = false)
    public Instant issuedAt;

    @Column(name = "valid_until")
    public LocalDate validUntil;

    @Column(name = "holder_masked")
    public String holderMasked;

    @Column(name = "public_fields")
    public String publicFields;

    /** SHA-256 of the printed verification code (VerificationCode.hash); NULL for documents issued before V3. */
    @Column(name = "verification_code_hash")
    public String verificationCodeHash;

    @Column(name = "pdf")
    public byte[] pdf;

    @Column(name = "sha256", nullable = false)
    public String sha256;

    @Column(name = "size_bytes", nullable = false)
    public int sizeBytes;

    @Column(name = "status", nullable = false)
    public String status;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    @Column(name = "revocation_reason")
    public String revocationReason;

    /** The OIDC user name of whoever revoked the document (audit; never shown publicly). */
    @Column(name = "revoked_by")
    public String revokedBy;

    /** A payment receipt's receipt number (unique); null for a certificate. */
    @Column(name = "receipt_number")
    public String receiptNumber;

    /** A payment receipt's amount, in paise; null for a certificate. */
    @Column(name = "amount_paise")
    public Long amountPaise;

    @Column(name = "erased_at")
    public Instant erasedAt;
}
