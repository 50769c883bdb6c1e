package dev.seva.simulator.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seva.contracts.EventJson;
import dev.seva.simulator.standin.FaultSettings;
import dev.seva.simulator.standin.GraphApiStandIn;
import dev.seva.simulator.standin.StandInConfig;
import dev.seva.simulator.standin.razorpay.RazorpayConfig;
import dev.seva.simulator.standin.razorpay.RazorpayFaults;
import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Serves the Graph API stand-in, the Razorpay stand-in (under /razorpay/v1) and the simulator's own API on Quarkus' HTTP server, and
 * {@code GET /simulator/business}: who the citizen is talking to, for the chat page at {@code /}
 * (static, under META-INF/resources).
 */
@ApplicationScoped
public class SimulatorRoutes {

    private static final Logger LOG = Logger.getLogger(SimulatorRoutes.class);

    private volatile GraphApiStandIn standIn;

    void mount(@Observes Router router, Vertx vertx, SimulatorConfig config) {
        standIn = GraphApiStandIn.mount(vertx, router, toStandIn(config));
        Buffer business = Buffer.buffer(business(config, standIn.config()));
        router.get("/simulator/business").handler(ctx -> ctx.response().putHeader("Content-Type", "application/json").end(business));
        LOG.infof("Graph API stand-in serving business numbers %s; webhooks to %s", config.phoneNumberIds(),
                config.webhookUrl().map(Object::toString).orElse("nowhere"));
        LOG.infof("Razorpay stand-in at /razorpay/v1; its webhooks to %s", config.razorpay().webhookUrl().map(Object::toString).orElse("nowhere"));
    }

    void stop(@Observes ShutdownEvent event) {
        if (standIn != null) {
            standIn.close();
        }
    }

    /** The mounted stand-in (null before Quarkus' router is up). */
    public GraphApiStandIn standIn() {
        return standIn;
    }

    /** {@code {"name","displayPhoneNumber","phoneNumberId","phoneNumberIds","webhookUrl"?}}. */
    static byte[] business(SimulatorConfig c, StandInConfig standIn) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("name", c.businessName());
        body.put("displayPhoneNumber", c.displayPhoneNumber());
        body.put("phoneNumberId", standIn.defaultPhoneNumberId());
        c.phoneNumberIds().stream().sorted().forEach(body.putArray("phoneNumberIds")::add);
        c.webhookUrl().ifPresent(url -> body.put("webhookUrl", url.toString()));
        try {
            return EventJson.mapper().writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static StandInConfig toStandIn(SimulatorConfig c) {
        SimulatorConfig.Faults f = c.faults();
        return StandInConfig.defaults().toBuilder()
                .accessToken(c.accessToken())
                .appSecret(c.appSecret().split(",")[0].trim())
                .webhookUrl(c.webhookUrl().orElse(null))
                .phoneNumberIds(c.phoneNumberIds())
                .displayPhoneNumber(c.displayPhoneNumber())
                .businessAccountId(c.businessAccountId())
                .publicBaseUrl(c.publicUrl().replaceAll("/+$", ""))
                .statusTiming(new StandInConfig.StatusTiming(c.statuses().sent().orElse(null),
                        c.statuses().delivered().orElse(null), c.statuses().read().orElse(null)))
                .serviceWindow(new StandInConfig.ServiceWindow(c.serviceWindow().enforced(),
                        StandInConfig.ServiceWindow.ErrorDelivery.valueOf(c.serviceWindow().errors().toUpperCase(Locale.ROOT))))
                .allowedRecipients(c.allowedRecipients().orElse(java.util.Set.of()))
                .throughputPerSecond(c.throughputPerSecond())
                .pairRate(c.pairRate().enforced() ? new StandInConfig.PairRate(c.pairRate().burst(), c.pairRate().interval()) : null)
                .messageLogCapacity(c.messageLogCapacity())
                .mediaCapacityBytes(c.mediaCapacityBytes())
                .webhookDelivery(new StandInConfig.WebhookDelivery(c.webhookMaxAttempts(), c.webhookFirstBackoff()))
                .faults(new FaultSettings(f.latencyMs(), f.latencyJitterMs(), f.errorRate(), f.errorCode(),
                        null, null, null, null, null, null, null))
                .payments(payments(c.payments()))
                .razorpay(razorpay(c.razorpay()))
                .build();
    }

    static StandInConfig.Payments payments(SimulatorConfig.Payments p) {
        Map<String, String> configurations = new LinkedHashMap<>();
        for (String entry : p.configurations()) {
            int colon = entry.indexOf(':');
            String name = (colon < 0 ? entry : entry.substring(0, colon)).trim();
            if (!name.isEmpty()) {
                configurations.put(name, colon < 0 ? "Active" : entry.substring(colon + 1).trim());
            }
        }
        return new StandInConfig.Payments(configurations, p.termsAccepted(), p.pendingAfter(), p.settleAfter(), p.lateWebhookAfter(),
                p.orderCapacity());
    }

    static RazorpayConfig razorpay(SimulatorConfig.Razorpay r) {
        return RazorpayConfig.defaults()
                .withKeys(r.keyId(), r.keySecret(), r.webhookSecret())
                .withWebhookUrl(r.webhookUrl().orElse(null))
                .withAccount(r.accountId(), r.capacity())
                .withWebhookDelivery(r.webhookTimeout(), r.webhookFirstBackoff(), r.webhookRetryFor())
                .withTiming(r.refundProcessedAfter(), r.lateWebhookAfter())
                .withFaults(RazorpayFaults.named(r.webhookFault()));
    }
}
