package dev.seva.payment.client;

import dev.seva.payment.config.PaymentConfig;
import dev.seva.payment.domain.Observation;
import dev.seva.payment.domain.PaymentMethods;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Meta's payment look-up as {@link Observation}s: the source of truth for a WhatsApp payment (Meta: "must not solely
 * rely on these webhooks"). Always asked with the number and payment configuration the order was made with (stored
 * from payments.orders.v1), never with values from a webhook. Answers only the transactions of the order asked for.
 */
@ApplicationScoped
public class MetaPayments {

    @Inject
    @RestClient
    MetaGraphApi api;

    @Inject
    PaymentConfig config;

    public Uni<List<Observation>> lookup(String phoneNumberId, String paymentConfiguration, String orderId) {
        return api.payment(config.whatsapp().apiVersion(), phoneNumberId, paymentConfiguration, orderId,
                        "Bearer " + config.whatsapp().accessToken())
                .map(lookup -> observations(lookup, orderId));
    }

    static List<Observation> observations(MetaGraphApi.Lookup lookup, String orderId) {
        List<Observation> seen = new ArrayList<>();
        if (lookup == null || lookup.payments() == null) {
            return seen;
        }
        for (MetaGraphApi.Payment payment : lookup.payments()) {
            if (payment == null || !orderId.equals(payment.referenceId()) || payment.transactions() == null) {
                continue;
            }
            for (MetaGraphApi.Transaction t : payment.transactions()) {
                Observation.Status status = status(t.status());
                if (status == null) {
                    continue;
                }
                Long amount = t.amount() != null ? t.amount().paise() : payment.amount() == null ? null : payment.amount().paise();
                seen.add(new Observation(t.id(), t.pgTransactionId(), status, amount,
                        PaymentMethods.of(t.method() == null ? null : t.method().type()),
                        t.error() == null ? null : t.error().code(), t.error() == null ? null : t.error().reason(), refunds(t.refunds())));
            }
        }
        return seen;
    }

    private static Observation.Status status(String status) {
        if (status == null) {
            return null;
        }
        switch (status.toLowerCase(Locale.ROOT)) {
            case "success":
                return Observation.Status.CAPTURED;
            case "failed":
                return Observation.Status.FAILED;
            case "pending":
                return Observation.Status.PENDING;
            default:
                return null;
        }
    }

    /** Meta writes a refund done as "success"; its refund API and some providers as "completed": both are done. */
    private static List<Observation.RefundSeen> refunds(List<MetaGraphApi.Refund> refunds) {
        List<Observation.RefundSeen> seen = new ArrayList<>();
        if (refunds == null) {
            return seen;
        }
        for (MetaGraphApi.Refund r : refunds) {
            if (r == null || r.status() == null) {
                continue;
            }
            String s = r.status().toLowerCase(Locale.ROOT);
            seen.add(new Observation.RefundSeen(r.id(), s.equals("success") || s.equals("completed"), s.equals("failed")));
        }
        return seen;
    }
}
