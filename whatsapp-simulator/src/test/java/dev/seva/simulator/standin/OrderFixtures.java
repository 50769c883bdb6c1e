package dev.seva.simulator.standin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seva.contracts.EventJson;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** order_details and order_status bodies from src/test/resources/graph/messages, each order with a reference_id of its own. */
final class OrderFixtures {

    static final String PARAMETERS = "/interactive/action/parameters";
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private OrderFixtures() {
    }

    /** A reference_id never used before in this JVM, e.g. {@code SEVA-REV-2026-000123-7}. */
    static String newReference() {
        return "SEVA-REV-2026-" + String.format("%06d", 100 + SEQUENCE.incrementAndGet()) + "-1";
    }

    /** The fee order of an income certificate (₹45.00, expiring in an hour), to this citizen. */
    static ObjectNode orderDetails(String referenceId, String citizen) {
        return parse(Fixtures.text("order-details", Map.of("referenceId", referenceId,
                "expiresAt", Long.toString(Instant.now().plusSeconds(3600).getEpochSecond()))).replace("919876543210", citizen));
    }

    static ObjectNode orderStatus(String referenceId, String citizen, String status) {
        return parse(Fixtures.text("order-status", Map.of("referenceId", referenceId, "status", status)).replace("919876543210", citizen));
    }

    private static ObjectNode parse(String json) {
        try {
            return (ObjectNode) EventJson.mapper().readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
