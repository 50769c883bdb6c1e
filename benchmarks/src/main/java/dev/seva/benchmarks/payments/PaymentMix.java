package dev.seva.benchmarks.payments;

import dev.seva.simulator.standin.razorpay.PaymentOutcome;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * The outcomes the virtual citizens' payments have, e.g. {@code success:70,no_webhook:10,duplicate_webhook:10,late_webhook:10}
 * (weights, any positive integers; outcomes as the stand-in names them: success, failure, pending, no_webhook,
 * late_webhook, duplicate_webhook). Drawn from a seeded deck of one of each weight, shuffled anew every round: every
 * {@code sum of weights} citizens carry the mix exactly, and the same seed gives the same sequence in arrival order.
 */
public final class PaymentMix {

    private final Map<String, Integer> weights;
    private final Random random;
    private final List<String> deck = new ArrayList<>();
    private int next;

    private PaymentMix(Map<String, Integer> weights, long seed) {
        this.weights = weights;
        this.random = new Random(seed);
    }

    /** @throws IllegalArgumentException for an unknown outcome or a weight that is not a positive integer */
    public static PaymentMix parse(String mix, long seed) {
        Map<String, Integer> weights = new LinkedHashMap<>();
        for (String part : mix.split(",")) {
            String[] kv = part.trim().split(":");
            String outcome = PaymentOutcome.parse(kv[0]).wire();
            int weight;
            try {
                weight = kv.length == 1 ? 1 : Integer.parseInt(kv[1].trim());
            } catch (NumberFormatException e) {
                weight = -1;
            }
            if (kv.length > 2 || weight <= 0) {
                throw new IllegalArgumentException("--payment-outcomes: '" + part + "' is not outcome:weight with a positive integer weight");
            }
            weights.merge(outcome, weight, Integer::sum);
        }
        return new PaymentMix(weights, seed);
    }

    /** The next citizen's outcome (call from one thread: the arrivals). */
    public synchronized String next() {
        if (next == deck.size()) {
            deck.clear();
            weights.forEach((outcome, weight) -> deck.addAll(Collections.nCopies(weight, outcome)));
            Collections.shuffle(deck, random);
            next = 0;
        }
        return deck.get(next++);
    }

    public boolean has(String outcome) {
        return weights.containsKey(outcome);
    }

    /** Whether a payment with this outcome ends captured at the gateway (all but failure and pending). */
    public static boolean captures(String outcome) {
        return PaymentOutcome.parse(outcome).captures();
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        weights.forEach((o, w) -> s.append(s.length() == 0 ? "" : ",").append(String.format(Locale.ROOT, "%s:%d", o, w)));
        return s.toString();
    }
}
