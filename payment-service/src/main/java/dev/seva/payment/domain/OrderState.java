package dev.seva.payment.domain;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The states of an order and the moves between them. An order is payable only while {@link #OPEN}; a capture that
 * arrives in any other state is either honoured (a late capture on an {@link #EXPIRED} order of an application with no
 * paid order: the citizen's money, the chat resumes the application) or refunded ({@link CaptureRules}).
 *
 * <pre>
 *   OPEN ──capture──▶ PAID ──withdrawn (application_withdrawn, refundable: refunded)──▶ WITHDRAWN
 *     │ ├─withdrawn──▶ WITHDRAWN
 *     │ ├─another order of the application paid──▶ SUPERSEDED
 *     │ └─past expiresAt, last look-up found nothing──▶ EXPIRED ──late capture, application unpaid──▶ PAID
 * </pre>
 */
public enum OrderState {
    /** Waiting for the citizen's payment. */
    OPEN,
    /** One capture honoured: receipt issued, {@code payment.paid} emitted. */
    PAID,
    /** Past {@code expiresAt} without a capture ({@code payment.expired}); a late capture may still be honoured. */
    EXPIRED,
    /** Withdrawn by conversation-service; no payment accepted any more (a later capture is refunded). */
    WITHDRAWN,
    /** Another order of the same application was paid; a capture on this one is refunded as a duplicate. */
    SUPERSEDED;

    private static final Map<OrderState, Set<OrderState>> MOVES = Map.of(
            OPEN, EnumSet.of(PAID, EXPIRED, WITHDRAWN, SUPERSEDED),
            EXPIRED, EnumSet.of(PAID, WITHDRAWN),
            PAID, EnumSet.of(WITHDRAWN),
            WITHDRAWN, EnumSet.noneOf(OrderState.class),
            SUPERSEDED, EnumSet.noneOf(OrderState.class));

    public boolean canMoveTo(OrderState next) {
        return MOVES.get(this).contains(next);
    }

    /** The next state, or an {@link IllegalStateException} naming the refused move (a bug, never a record's fault). */
    public OrderState moveTo(OrderState next) {
        if (!canMoveTo(next)) {
            throw new IllegalStateException("An order cannot move from " + this + " to " + next);
        }
        return next;
    }
}
