package dev.seva.gateway.service;

/** What the gateway answers Meta: accepted (200), or rejected with a status and a reason. */
public sealed interface IntakeResult {

    /** Every record acknowledged by Kafka; {@code throttled} messages were over their sender's cap and not published. */
    record Accepted(int messages, int statuses, int deadLetters, int throttled) implements IntakeResult {
    }

    /**
     * Refused; nothing of this request is considered stored.
     *
     * @param status HTTP status
     * @param reason short machine tag, also the metric's reason
     * @param title  RFC 9457 title
     * @param detail RFC 9457 detail: never echoes the body, the signature or a secret
     */
    record Rejected(int status, String reason, String title, String detail) implements IntakeResult {

        static Rejected tooLarge(int limit) {
            return new Rejected(413, "too_large", "Payload too large",
                    "Webhook bodies are accepted up to " + limit + " bytes.");
        }

        static Rejected signatureMissing() {
            return new Rejected(401, "signature_missing", "Signature required",
                    "The X-Hub-Signature-256 header is missing.");
        }

        static Rejected signatureInvalid() {
            return new Rejected(401, "signature_invalid", "Invalid signature",
                    "X-Hub-Signature-256 does not match the body for any configured app secret.");
        }

        /** Says where the JSON broke, never what it said (the body carries citizens' messages). */
        static Rejected notJson(String where) {
            return new Rejected(400, "not_json", "Body is not JSON", "The webhook body is not valid JSON" + where + ".");
        }

        static Rejected vaultUnavailable() {
            return new Rejected(503, "vault_unavailable", "Temporarily unable to protect the webhook",
                    "An Aadhaar number in the webhook could not be tokenized. Retry later; nothing was accepted.");
        }

        static Rejected kafkaUnavailable() {
            return new Rejected(503, "kafka_unavailable", "Temporarily unable to store the webhook",
                    "The event log did not acknowledge the webhook in time. Retry later; nothing was accepted.");
        }
    }
}
