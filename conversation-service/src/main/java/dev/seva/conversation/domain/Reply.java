package dev.seva.conversation.domain;

import java.util.List;

/** Something to say to the citizen, shaped as a WhatsApp message. */
public sealed interface Reply {

    record Text(String body) implements Reply {
    }

    record Button(String id, String title) {
    }

    /** Up to three reply buttons. */
    record Buttons(String body, List<Button> buttons) implements Reply {
    }

    record Row(String id, String title, String description) {
    }

    /** An interactive list: one section of at most 10 rows. */
    record ListMessage(String header, String body, String button, List<Row> rows) implements Reply {
    }

    /** A signed document held by document-service. */
    record Document(String documentId, String filename, String caption) implements Reply {
    }

    /**
     * WhatsApp's "Review and pay" message for one order: one item, in paise, payable until {@code expiresAt}.
     * {@code orderId} is the order's reference id at Meta and the payment gateway.
     */
    record OrderDetails(String orderId, String body, String itemCode, String itemName, long amountPaise, java.time.Instant expiresAt,
                        String expirationDescription, java.util.Map<String, String> notes) implements Reply {
    }

    /** The order's new status on the citizen's order page: processing, completed or canceled. */
    record OrderStatus(String orderId, String body, String status, String description) implements Reply {
    }
}
