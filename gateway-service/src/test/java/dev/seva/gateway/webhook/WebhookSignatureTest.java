package dev.seva.gateway.webhook;

import dev.seva.contracts.whatsapp.WebhookSigning;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WebhookSignatureTest {

    final byte[] body = "{\"object\":\"whatsapp_business_account\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void matchesAnHmacComputedIndependently() {
        // echo -n '{"object":"whatsapp_business_account"}' | openssl dgst -sha256 -hmac 'secret'
        assertThat(WebhookSigning.sign("secret", body))
                .isEqualTo("sha256=" + new org.apache.commons.codec.digest.HmacUtils("HmacSHA256", "secret").hmacHex(body));
    }

    @Test
    void acceptsAnyConfiguredSecretForRotation() {
        WebhookSignature signature = new WebhookSignature(List.of("new", " old "));
        assertThat(signature.verify(WebhookSigning.sign("new", body), body)).isEqualTo(WebhookSignature.Verdict.VALID);
        assertThat(signature.verify(WebhookSigning.sign("old", body), body)).isEqualTo(WebhookSignature.Verdict.VALID);
        assertThat(signature.verify(WebhookSigning.sign("older", body), body)).isEqualTo(WebhookSignature.Verdict.MISMATCH);
    }

    @Test
    void headerPrefixIsCaseInsensitiveButTheDigestMustBeComplete() {
        WebhookSignature signature = new WebhookSignature(List.of("secret"));
        String valid = WebhookSigning.sign("secret", body);
        assertThat(signature.verify("SHA256=" + valid.substring(7), body)).isEqualTo(WebhookSignature.Verdict.VALID);
        assertThat(signature.verify(valid.substring(0, valid.length() - 2), body)).isEqualTo(WebhookSignature.Verdict.MALFORMED);
        assertThat(signature.verify(null, body)).isEqualTo(WebhookSignature.Verdict.MISSING);
    }

    @Test
    void refusesToStartWithoutASecret() {
        assertThatThrownBy(() -> new WebhookSignature(List.of(" ", ""))).isInstanceOf(IllegalArgumentException.class);
    }
}
