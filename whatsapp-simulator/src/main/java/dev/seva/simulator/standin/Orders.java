package dev.seva.simulator.standin;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The orders of {@code order_details} messages, per business number and reference_id, bounded (oldest
 * forgotten first). A reference_id is unique per business number: a second {@code order_details} with it is
 * refused. {@code order_status} messages move an order along Meta's graph: {@code pending} to anything;
 * {@code processing}, {@code shipped} and {@code partially-shipped} among themselves or to a terminal status;
 * nothing out of {@code completed} or {@code canceled} (2046); no {@code canceled} once a payment succeeded or
 * is pending (2047). Thread-safe: every read and change goes through this object's lock.
 */
final class Orders {

    private static final Set<String> IN_PROGRESS = Set.of("processing", "shipped", "partially_shipped", "partially-shipped");

    private final int capacity;
    private final Map<String, Order> orders;

    Orders(int capacity) {
        this.capacity = Math.max(1, capacity);
        this.orders = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Order> eldest) {
                return size() > Orders.this.capacity;
            }
        };
    }

    /** Keeps the order of an accepted {@code order_details}; refuses a reference_id this business number used before. */
    synchronized void register(String phoneNumberId, String citizen, boolean byUserId, String wamid, OrderMessage.Details details) {
        String key = key(phoneNumberId, details.referenceId());
        if (orders.containsKey(key)) {
            throw new GraphException(GraphError.invalidParameter("Param " + OrderMessageValidator.PARAMETERS + "['reference_id'] '"
                    + details.referenceId() + "' was already used in an order_details message of this business; use a new one "
                    + "(for example with a sequence number)."));
        }
        orders.put(key, new Order(phoneNumberId, citizen, byUserId, wamid, details));
    }

    /**
     * Applies an {@code order_status}: answers the error its failed status must carry (2046, 2047), or null.
     * A reference_id never sent to this citizen is refused at once (code 100; the simulator's choice).
     */
    synchronized GraphError changeStatus(String phoneNumberId, String citizen, OrderMessage.StatusUpdate update) {
        Order order = orders.get(key(phoneNumberId, update.referenceId()));
        if (order == null || !order.citizen.equals(citizen)) {
            throw new GraphException(GraphError.invalidParameter("Param " + OrderMessageValidator.PARAMETERS + "['reference_id'] '"
                    + update.referenceId() + "': no order_details message with this reference_id was sent to this recipient."));
        }
        String from = order.status;
        String to = update.status();
        if (Order.TERMINAL.contains(from) || (IN_PROGRESS.contains(from) && !IN_PROGRESS.contains(to) && !Order.TERMINAL.contains(to))) {
            return GraphError.of(2046, "New order status was not correctly transitioned: the order is " + from + ", it cannot become " + to + ".");
        }
        if (to.equals("canceled") && (order.captured() != null || order.hasPendingTransaction() || order.attemptInFlight)) {
            return GraphError.of(2047, "Could not change order status to 'canceled': the order has a successful or pending payment.");
        }
        order.status = to;
        return null;
    }

    /** Reads or changes an order under the lock; null when there is no such order. */
    synchronized <T> T with(String phoneNumberId, String referenceId, Function<Order, T> work) {
        Order order = orders.get(key(phoneNumberId, referenceId));
        return order == null ? null : work.apply(order);
    }

    /** The business number of the citizen's latest order with this reference_id (on any number when none is given). */
    synchronized String phoneNumberOf(String citizen, String referenceId, String phoneNumberId) {
        String found = null;
        for (Order order : orders.values()) {
            if (order.citizen.equals(citizen) && order.referenceId().equals(referenceId)
                    && (phoneNumberId == null || phoneNumberId.equals(order.phoneNumberId))) {
                found = order.phoneNumberId;
            }
        }
        return found;
    }

    /** What the chat page shows of the citizen's orders, oldest first. */
    synchronized List<ObjectNode> summariesFor(String citizen) {
        long now = Instant.now().getEpochSecond();
        List<ObjectNode> summaries = new ArrayList<>();
        for (Order order : orders.values()) {
            if (!order.citizen.equals(citizen)) {
                continue;
            }
            ObjectNode s = JsonNodeFactory.instance.objectNode();
            s.put("referenceId", order.referenceId());
            s.put("phoneNumberId", order.phoneNumberId);
            s.put("wamid", order.wamid);
            s.put("totalValue", order.details.totalValue());
            s.put("offset", 100);
            s.put("currency", "INR");
            s.put("orderStatus", order.status);
            s.put("paymentStatus", order.paymentStatus());
            if (order.details.expiresAt() != null) {
                s.put("expiresAt", order.details.expiresAt());
            }
            String[] why = order.whyNotPayable(now);
            s.put("payable", why == null);
            if (why != null) {
                s.put("notPayable", why[0]);
            }
            if (!order.transactions.isEmpty()) {
                Order.Transaction last = order.transactions.get(order.transactions.size() - 1);
                s.putObject("lastTransaction").put("status", last.status).put("method", last.methodType);
            }
            summaries.add(s);
        }
        return summaries;
    }

    synchronized void clear() {
        orders.clear();
    }

    private static String key(String phoneNumberId, String referenceId) {
        return phoneNumberId + "|" + referenceId;
    }
}
