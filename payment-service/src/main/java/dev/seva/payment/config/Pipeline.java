package dev.seva.payment.config;

import dev.seva.payment.domain.ReceiptNumbers;
import dev.seva.payment.domain.WebhookSignature;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.security.SecureRandom;
import java.time.Clock;

/** The domain's pieces that need configuration or randomness, built once at start (an empty webhook secret stops the start). */
@ApplicationScoped
public class Pipeline {

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @Singleton
    ReceiptNumbers receiptNumbers() {
        return new ReceiptNumbers(new SecureRandom());
    }

    @Produces
    @Singleton
    WebhookSignature razorpaySignature(PaymentConfig config) {
        return new WebhookSignature(config.razorpay().webhookSecret());
    }
}
