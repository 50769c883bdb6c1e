package dev.seva.deploy;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every public host has a body-size limit, a request rate and a connection limit per client address at the
 * ingress controller (issue 15), and the verification page (anyone, with a QR code) is the tightest.
 * Tried against the earlier manifests: only proxy-body-size was set, on two Ingresses, and this failed.
 */
class IngressLimitsTest {

    private static final String NGINX = "nginx.ingress.kubernetes.io/";

    private static BigDecimal bytes(Ingress i) {
        return Quantity.getAmountInBytes(new Quantity(i.getMetadata().getAnnotations().get(NGINX + "proxy-body-size").toUpperCase()
                .replace("K", "Ki").replace("M", "Mi").replace("G", "Gi")));
    }

    private static int number(Ingress i, String annotation) {
        return Integer.parseInt(i.getMetadata().getAnnotations().get(NGINX + annotation));
    }

    @ParameterizedTest
    @MethodSource("dev.seva.deploy.Kustomize#overlays")
    void everyPublicHostLimitsBodiesRequestRateAndConnections(String overlay) {
        List<Ingress> ingresses = Manifests.of(overlay).all(Ingress.class);
        assertThat(ingresses).extracting(i -> i.getMetadata().getName()).contains("seva-webhook", "seva-verify", "seva", "seva-desk", "seva-payments");
        assertThat(ingresses).allSatisfy(i -> {
            String name = overlay + ": Ingress " + i.getMetadata().getName();
            Map<String, String> annotations = i.getMetadata().getAnnotations();
            assertThat(annotations).as(name).containsKeys(NGINX + "proxy-body-size", NGINX + "limit-rps", NGINX + "limit-connections")
                    .containsEntry(NGINX + "ssl-redirect", "true");
            assertThat(bytes(i)).as(name + " body size").isPositive().isLessThanOrEqualTo(BigDecimal.valueOf(8L << 20));
            assertThat(number(i, "limit-rps")).as(name + " requests per second per address").isBetween(1, 100);
            assertThat(number(i, "limit-connections")).as(name + " connections per address").isBetween(1, 200);
            assertThat(i.getSpec().getRules()).as(name + ": one host each, so each has its own limits").hasSize(1);
        });
    }

    @ParameterizedTest
    @MethodSource("dev.seva.deploy.Kustomize#overlays")
    void theWebhookTakesMetasBodiesAndTheVerificationPageIsTheTightest(String overlay) {
        Manifests m = Manifests.of(overlay);
        Ingress webhook = m.one(Ingress.class, "seva-webhook");
        Ingress verify = m.one(Ingress.class, "seva-verify");
        // The gateway accepts webhooks up to 3 MiB and answers 413 itself above: the ingress must let those through.
        assertThat(bytes(webhook)).isGreaterThanOrEqualTo(BigDecimal.valueOf(3L << 20));
        assertThat(bytes(verify)).isLessThanOrEqualTo(BigDecimal.valueOf(64L << 10));
        assertThat(m.all(Ingress.class)).allSatisfy(i -> assertThat(number(verify, "limit-rps")).isLessThanOrEqualTo(number(i, "limit-rps")));
    }
}
