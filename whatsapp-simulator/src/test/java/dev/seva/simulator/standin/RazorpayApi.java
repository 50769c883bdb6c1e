package dev.seva.simulator.standin;

import dev.seva.simulator.standin.razorpay.RazorpayConfig;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/** Calls the Razorpay stand-in as a Razorpay client does: Basic auth with the default test keys, under /razorpay/v1. */
final class RazorpayApi {

    static final String AUTHORIZATION = "Basic " + Base64.getEncoder().encodeToString(
            (RazorpayConfig.DEFAULT_KEY_ID + ":" + RazorpayConfig.DEFAULT_KEY_SECRET).getBytes(StandardCharsets.UTF_8));

    private final Http http;

    RazorpayApi(Http http) {
        this.http = http;
    }

    Http.Answer get(String path) {
        return http.call("GET", "/razorpay/v1" + path, null, Map.of("Authorization", AUTHORIZATION));
    }

    Http.Answer post(String path, String json) {
        return http.call("POST", "/razorpay/v1" + path, json, Map.of("Authorization", AUTHORIZATION));
    }

    Http.Answer refund(String paymentId, String json, String idempotencyKey) {
        Map<String, String> headers = new HashMap<>(Map.of("Authorization", AUTHORIZATION));
        if (idempotencyKey != null) {
            headers.put("X-Refund-Idempotency", idempotencyKey);
        }
        return http.call("POST", "/razorpay/v1/payments/" + paymentId + "/refund", json, headers);
    }
}
