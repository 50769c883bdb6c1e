package dev.seva.simulator.standin.razorpay;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An error as Razorpay's API answers it: the HTTP status and
 * {@code {"error":{"code","description","source","step","reason","metadata":{},"field"?}}}.
 * Descriptions are Razorpay's own where its pages quote them ("The amount must be at least INR 1.00",
 * "The id provided does not exist", "Authentication failed"); the others are the simulator's wording.
 */
public record RazorpayError(int httpStatus, String code, String description, String source, String step, String reason,
                            String field) {

    /** A request Razorpay refuses as invalid input (HTTP 400, {@code BAD_REQUEST_ERROR}). */
    public static RazorpayError badRequest(String description, String field) {
        return new RazorpayError(400, "BAD_REQUEST_ERROR", description, "business", "payment_initiation",
                "input_validation_failed", field);
    }

    /** An id Razorpay does not know: it answers 400, not 404. */
    public static RazorpayError unknownId() {
        return new RazorpayError(400, "BAD_REQUEST_ERROR", "The id provided does not exist", "business", "payment_initiation",
                "input_validation_failed", null);
    }

    /** A missing or malformed {@code Authorization: Basic} header, or the wrong key or secret. */
    public static RazorpayError authenticationFailed() {
        return new RazorpayError(401, "BAD_REQUEST_ERROR", "Authentication failed", "NA", "NA", "NA", null);
    }

    /** A refund whose idempotency key is still being processed (Razorpay: 409, retry later). */
    public static RazorpayError inFlight() {
        return new RazorpayError(409, "BAD_REQUEST_ERROR",
                "A request with the same idempotency key is being processed. Retry after some time.", "business",
                "payment_initiation", "input_validation_failed", null);
    }

    /** Razorpay unavailable (the {@code down} fault): HTTP 503, {@code SERVER_ERROR}, to be retried. */
    public static RazorpayError serverError() {
        return new RazorpayError(503, "SERVER_ERROR", "The server encountered an error. The incident has been reported to admins.", "NA",
                "NA", "NA", null);
    }

    public static RazorpayError notFoundUrl() {
        return new RazorpayError(400, "BAD_REQUEST_ERROR", "The requested URL was not found on the server.", "NA", "NA", "NA", null);
    }

    public ObjectNode toJson() {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ObjectNode error = root.putObject("error");
        error.put("code", code);
        error.put("description", description);
        error.put("source", source);
        error.put("step", step);
        error.put("reason", reason);
        error.putObject("metadata");
        if (field != null) {
            error.put("field", field);
        }
        return root;
    }

    /** Thrown where a request is refused; carries the error to answer. */
    public static final class Refused extends RuntimeException {
        private final transient RazorpayError error;

        public Refused(RazorpayError error) {
            super(error.description(), null, false, false);
            this.error = error;
        }

        public RazorpayError error() {
            return error;
        }
    }

    public Refused refused() {
        return new Refused(this);
    }
}
