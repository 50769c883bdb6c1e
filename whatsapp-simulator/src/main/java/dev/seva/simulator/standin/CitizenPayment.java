package dev.seva.simulator.standin;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The citizen pays an {@code order_details} message, as the chat page and tests ask
 * {@code POST /simulator/citizens/{citizen}/payments} to.
 *
 * @param referenceId   the order's reference_id (required)
 * @param method        upi (default), card, netbanking or wallet
 * @param app           the UPI app: gpay (default), phonepe, paytm, bhim, amazonpay, cred, mobikwik
 * @param outcome       success (default), failure, pending, no_webhook, late_webhook or duplicate_webhook
 * @param phoneNumberId the business number the order came from (default: the one the citizen's order was sent from)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CitizenPayment(String referenceId, String method, String app, String outcome, String phoneNumberId) {

    public static CitizenPayment of(String referenceId, String outcome) {
        return new CitizenPayment(referenceId, "upi", "gpay", outcome, null);
    }
}
