package dev.seva.contracts.payments;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.seva.contracts.Event;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * On {@code payments.orders.v1}: an order a citizen is asked to pay ({@link #REQUESTED}), or one withdrawn
 * ({@link #WITHDRAWN}). Produced by conversation-service, which sends the WhatsApp {@code order_details} message
 * in the same transaction; payment-service owns the order from then on. No phone number: payment-service never
 * holds one. Amounts are integers in paise.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PaymentOrderEvent(
        UUID eventId,
        String eventType,
        Instant occurredAt,
        String orderId,
        String applicationRef,
        String departmentId,
        String serviceId,
        String citizenRef,
        String purpose,
        String currency,
        Long amountPaise,
        Long taxPaise,
        List<Item> items,
        Boolean refundable,
        Instant expiresAt,
        String phoneNumberId,
        String paymentConfiguration,
        Integer attempt,
        String reason) implements Event {

    public static final String REQUESTED = "payment.order.requested";
    public static final String WITHDRAWN = "payment.order.withdrawn";

    public static final String PURPOSE_APPLICATION_FEE = "application_fee";
    public static final String PURPOSE_BILL = "bill";

    /** The order id of an application's n-th order: the reference and the attempt ({@code SEVA-REV-2026-123456-1}). */
    public static String orderId(String applicationRef, int attempt) {
        if (attempt < 1 || attempt > 99) {
            throw new IllegalArgumentException("An order attempt is 1-99: " + attempt);
        }
        return applicationRef + "-" + attempt;
    }

    /** The application reference of an order id made by {@link #orderId(String, int)}. */
    public static String applicationRefOf(String orderId) {
        int dash = orderId.lastIndexOf('-');
        return dash < 0 ? orderId : orderId.substring(0, dash);
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Item(String code, String name, long amountPaise, int quantity) {
    }
}
