package dev.seva.simulator.standin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The payment part of an interactive {@code order_details} or {@code order_status} message, as validated. */
sealed interface OrderMessage permits OrderMessage.Details, OrderMessage.StatusUpdate {

    String referenceId();

    /**
     * An {@code order_details} (PG mode): what the citizen is asked to pay and through which payment configuration.
     *
     * @param receipt    {@code razorpay.receipt} as sent (null when absent)
     * @param notes      {@code razorpay.notes} as sent (null when absent)
     * @param expiresAt  {@code order.expiration.timestamp} in epoch seconds, null when the order does not expire
     * @param upiEnabled false when {@code enabled_payment_options} is {@code ["web"]} only
     */
    record Details(String referenceId, String goodsType, String configurationName, String gatewayType, String receipt,
                   ObjectNode notes, long totalValue, ArrayNode items, Long expiresAt, String body, boolean upiEnabled)
            implements OrderMessage {
    }

    /** An {@code order_status}: the new status of an order sent before. */
    record StatusUpdate(String referenceId, String status, String description) implements OrderMessage {
    }
}
