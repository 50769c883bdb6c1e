package dev.seva.notification.client;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seva.contracts.whatsapp.SendMessage;

import java.util.Map;

/**
 * The {@code interactive} part of WhatsApp Payments messages (India, payment gateway mode), as Meta's "Receive payments
 * via payment gateways" page documents them: {@code order_details} ("Review and pay") and {@code order_status}. Amounts
 * are {@code {value, offset: 100}} (paise); {@code payment_settings} replaces the deprecated {@code payment_type} and
 * {@code payment_configuration}. The seller (Meta's importer fields, required on items without a catalogue) is the
 * government department's office as configured, the same on every order.
 */
public final class GraphOrderBodies {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    static final int INR_OFFSET = 100;

    /** Meta's importer fields for items sold without a catalogue: who sells (here, the government office). */
    public record Seller(String name, String addressLine1, String city, String zoneCode, String postalCode) {
    }

    private GraphOrderBodies() {
    }

    static ObjectNode orderDetails(SendMessage.OrderDetails order, Seller seller) {
        ObjectNode interactive = JSON.objectNode();
        interactive.put("type", "order_details");
        interactive.putObject("body").put("text", order.body());
        if (order.footer() != null) {
            interactive.putObject("footer").put("text", order.footer());
        }
        ObjectNode action = interactive.putObject("action");
        action.put("name", "review_and_pay");
        ObjectNode parameters = action.putObject("parameters");
        parameters.put("reference_id", order.referenceId());
        parameters.put("type", "digital-goods");
        ObjectNode gateway = parameters.putArray("payment_settings").addObject()
                .put("type", "payment_gateway")
                .putObject("payment_gateway");
        gateway.put("type", "razorpay");
        gateway.put("configuration_name", order.paymentConfiguration());
        if (order.receipt() != null || order.notes() != null) {
            ObjectNode razorpay = gateway.putObject("razorpay");
            if (order.receipt() != null) {
                razorpay.put("receipt", order.receipt());
            }
            if (order.notes() != null && !order.notes().isEmpty()) {
                ObjectNode notes = razorpay.putObject("notes");
                for (Map.Entry<String, String> note : order.notes().entrySet()) {
                    notes.put(note.getKey(), note.getValue());
                }
            }
        }
        parameters.put("currency", "INR");
        amount(parameters.putObject("total_amount"), order.totalPaise());
        ObjectNode details = parameters.putObject("order");
        details.put("status", "pending");
        if (order.expiresAt() != null) {
            ObjectNode expiration = details.putObject("expiration");
            // Meta: a string of UTC epoch seconds.
            expiration.put("timestamp", Long.toString(order.expiresAt().getEpochSecond()));
            if (order.expirationDescription() != null) {
                expiration.put("description", order.expirationDescription());
            }
        }
        ArrayNode items = details.putArray("items");
        for (SendMessage.OrderItem item : order.items()) {
            ObjectNode node = items.addObject();
            if (item.retailerId() != null) {
                node.put("retailer_id", item.retailerId());
            }
            node.put("name", item.name());
            amount(node.putObject("amount"), item.amountPaise());
            node.put("quantity", item.quantity());
            node.put("country_of_origin", "India");
            node.put("importer_name", seller.name());
            node.putObject("importer_address")
                    .put("address_line1", seller.addressLine1())
                    .put("city", seller.city())
                    .put("zone_code", seller.zoneCode())
                    .put("postal_code", seller.postalCode())
                    .put("country_code", "IN");
        }
        amount(details.putObject("subtotal"), order.subtotalPaise());
        ObjectNode tax = amount(details.putObject("tax"), order.taxPaise());
        if (order.taxDescription() != null) {
            tax.put("description", order.taxDescription());
        }
        return interactive;
    }

    static ObjectNode orderStatus(SendMessage.OrderStatus status) {
        ObjectNode interactive = JSON.objectNode();
        interactive.put("type", "order_status");
        interactive.putObject("body").put("text", status.body());
        if (status.footer() != null) {
            interactive.putObject("footer").put("text", status.footer());
        }
        ObjectNode action = interactive.putObject("action");
        action.put("name", "review_order");
        ObjectNode parameters = action.putObject("parameters");
        parameters.put("reference_id", status.referenceId());
        ObjectNode order = parameters.putObject("order");
        order.put("status", status.status());
        if (status.description() != null) {
            order.put("description", status.description());
        }
        return interactive;
    }

    private static ObjectNode amount(ObjectNode node, long paise) {
        node.put("value", paise);
        node.put("offset", INR_OFFSET);
        return node;
    }
}
