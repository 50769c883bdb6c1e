package dev.seva.payment.client;

import dev.seva.consumer.WaitFor;

/**
 * Meta or Razorpay did not answer usefully (5xx, 429, a refund still in flight: 409, or our own credentials refused):
 * every record would fail alike, so a consumer waits for it as for the database ({@link WaitFor}), and a refund is
 * tried again later with the same idempotency key. Carries the status and the gateway's error code, never a body.
 */
public class GatewayUnavailable extends RuntimeException implements WaitFor {

    private final int status;

    public GatewayUnavailable(String gateway, int status, String code) {
        super(gateway + " answered " + status + (code == null ? "" : " " + code), null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
