package dev.seva.conversation.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

@Entity
@Table(name = "application")
public class ApplicationRow extends PanacheEntityBase {

    public static final String SUBMITTED = "submitted";
    public static final String ACCEPTED = "accepted";
    public static final String MORE_INFORMATION_NEEDED = "more_information_needed";
    public static final String REJECTED = "rejected";
    public static final String APPROVED = "approved";
    public static final String DOCUMENT_ISSUED = "document_issued";
    /** A service with a fee: saved, not yet sent to the department; the order is open. */
    public static final String AWAITING_PAYMENT = "awaiting_payment";
    /** The order expired unpaid; the citizen can ask for a new one ("Pay again"). */
    public static final String PAYMENT_EXPIRED = "payment_expired";

    @Id
    public String reference;

    @Column(name = "citizen_ref")
    public String citizenRef;

    @Column(name = "department_id")
    public String departmentId;

    @Column(name = "service_id")
    public String serviceId;

    @Column(name = "service_version")
    public int serviceVersion;

    @Column(name = "service_name")
    public String serviceName;

    @Column(name = "document_type")
    public String documentType;

    public String status;

    public String answers;

    @Column(name = "sla_days")
    public int slaDays;

    @Column(name = "submitted_at")
    public Instant submittedAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Column(name = "pending_question")
    public String pendingQuestion;

    @Column(name = "last_reason")
    public String lastReason;

    @Column(name = "document_id")
    public String documentId;

    /** The department event to send once the fee is paid (sealed fields), while awaiting payment. */
    @Column(name = "pending_submission")
    public String pendingSubmission;

    @Column(name = "fee_paise")
    public Long feePaise;

    @Column(name = "payment_attempt")
    public Integer paymentAttempt;

    @Column(name = "receipt_number")
    public String receiptNumber;

    /** The catalogue's feeRefundable at submission: a rejection refunds the paid fee. */
    @Column(name = "fee_refundable")
    public boolean feeRefundable;

    /** For a bill or tax the department looked up: its id, which the department marks paid. */
    @Column(name = "bill_id")
    public String billId;

    /** What the bill was for (LocalizedText JSON), or null. */
    @Column(name = "bill_period")
    public String billPeriod;
}
