package dev.seva.desk.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.ColumnTransformer;
import org.hibernate.annotations.DynamicUpdate;

import java.time.Instant;
import java.time.LocalDate;

/**
 * An amount due in the desk's data (V3__lookups_and_bills.sql): a tax, a charge, a bill or a challan.
 * {@code period} is the jsonb of a LocalizedText, read and written as its text. Only what a payment changes
 * is written back ({@link DynamicUpdate}).
 */
@Entity
@Table(name = "desk_bill")
@DynamicUpdate
public class BillRow extends PanacheEntityBase {

    public static final String OPEN = "open";
    public static final String PAID = "paid";

    @Id
    @Column(name = "bill_id")
    public String billId;

    @Column(name = "department_id")
    public String departmentId;

    @Column(name = "service_id")
    public String serviceId;

    @Column(name = "lookup_key")
    public String lookupKey;

    public String area;

    @Column(name = "check_value")
    public String checkValue;

    @ColumnTransformer(read = "period::text", write = "?::jsonb")
    public String period;

    @Column(name = "due_date")
    public LocalDate dueDate;

    @Column(name = "amount_paise")
    public long amountPaise;

    @Column(name = "holder_name")
    public String holderName;

    public String address;

    public String status;

    @Column(name = "paid_at")
    public Instant paidAt;

    @Column(name = "receipt_number")
    public String receiptNumber;

    @Column(name = "order_id")
    public String orderId;

    @Column(name = "application_ref")
    public String applicationRef;
}
