package dev.seva.payment.domain;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WebhookSignatureTest {

    static final byte[] BODY = "{\"entity\":\"event\",\"event\":\"payment.captured\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void signatureIsTheHexHmacSha256OfTheRawBody() {
        // Computed independently: printf '%s' '<body>' | openssl dgst -sha256 -hmac secret
        assertThat(new WebhookSignature("secret").sign("hello".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("88aab3ede8d3adf94d26ab90d3bafd4a2083070c3bcce9c014ee04a443847c0b");
        WebhookSignature signature = new WebhookSignature("seva-dev-razorpay-webhook-secret");
        assertThat(signature.matches(BODY, signature.sign(BODY))).isTrue();
        assertThat(signature.matches(BODY, signature.sign(BODY).toUpperCase())).isTrue();
    }

    @Test
    void rejectsForgedMissingAndOtherBodiesSignatures() {
        WebhookSignature signature = new WebhookSignature("seva-dev-razorpay-webhook-secret");
        assertThat(signature.matches(BODY, null)).isFalse();
        assertThat(signature.matches(BODY, "")).isFalse();
        assertThat(signature.matches(BODY, "not-hex")).isFalse();
        assertThat(signature.matches(BODY, new WebhookSignature("another-secret").sign(BODY))).isFalse();
        byte[] other = (new String(BODY, StandardCharsets.UTF_8) + " ").getBytes(StandardCharsets.UTF_8);
        assertThat(signature.matches(other, signature.sign(BODY))).isFalse();
        assertThatThrownBy(() -> new WebhookSignature("")).isInstanceOf(IllegalArgumentException.class);
    }
}
