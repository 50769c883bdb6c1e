package dev.seva.payment.client;

/**
 * Meta or Razorpay refused the request for what it asks (a 4xx other than 401/403/409/429): asking again with the
 * same request will not help. Carries the status and the gateway's own error code and description.
 */
public class GatewayRefused extends RuntimeException {

    private final int status;
    private final String code;
    private final String description;

    public GatewayRefused(String gateway, int status, String code, String description) {
        super(gateway + " refused the request: " + status + (code == null ? "" : " " + code), null, false, false);
        this.status = status;
        this.code = code;
        this.description = description;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String description() {
        return description;
    }
}
