package dev.seva.simulator.standin;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Faults to inject into the Graph API stand-in, as given at start or to {@code POST /simulator/faults}
 * (only the fields present change; {@code DELETE /simulator/faults} clears them all).
 *
 * @param latencyMs             added before every Graph API answer
 * @param latencyJitterMs       plus a random 0..jitter
 * @param errorRate             share (0..1) of Graph API calls answered with {@code errorCode}
 * @param errorCode             Meta's code for the random errors (default 131000, HTTP 500)
 * @param rateLimitForSeconds   every send answered 429 / 130429 for this long from now (0 ends it)
 * @param serverErrorsForSeconds every call answered with {@code serverErrorStatus} for this long from now (0 ends it)
 * @param serverErrorStatus     500 (code 131000, the default) or 503 (code 2)
 * @param failNext              the next calls fail with these codes, in order (e.g. 3 × 130429)
 * @param recipientErrors       sends to these recipients are refused with this code (e.g. 131026)
 * @param undeliverable         sends to these recipients are accepted, then reported failed with 131026
 * @param closedWindows         these recipients' 24-hour window is closed, whatever they wrote: free-form
 *                              messages get 131047 (in the answer or as a failed status, as configured)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FaultSettings(
        Integer latencyMs,
        Integer latencyJitterMs,
        Double errorRate,
        Integer errorCode,
        Integer rateLimitForSeconds,
        Integer serverErrorsForSeconds,
        Integer serverErrorStatus,
        List<FailNext> failNext,
        Map<String, Integer> recipientErrors,
        Set<String> undeliverable,
        Set<String> closedWindows) {

    /** The next {@code count} Graph API calls fail with Meta's {@code code}. */
    public record FailNext(int count, int code) {
    }

    public static FaultSettings none() {
        return new FaultSettings(null, null, null, null, null, null, null, null, null, null, null);
    }

    public static FaultSettings latency(int millis) {
        return new FaultSettings(millis, null, null, null, null, null, null, null, null, null, null);
    }

    public static FaultSettings failNext(int count, int code) {
        return new FaultSettings(null, null, null, null, null, null, null, List.of(new FailNext(count, code)), null, null, null);
    }

    public static FaultSettings errorRate(double rate, int code) {
        return new FaultSettings(null, null, rate, code, null, null, null, null, null, null, null);
    }

    public static FaultSettings rateLimitFor(int seconds) {
        return new FaultSettings(null, null, null, null, seconds, null, null, null, null, null, null);
    }

    public static FaultSettings serverErrorsFor(int seconds, int status) {
        return new FaultSettings(null, null, null, null, null, seconds, status, null, null, null, null);
    }

    public static FaultSettings recipientError(String recipient, int code) {
        return new FaultSettings(null, null, null, null, null, null, null, null, Map.of(recipient, code), null, null);
    }

    public static FaultSettings closedWindow(String... recipients) {
        return new FaultSettings(null, null, null, null, null, null, null, null, null, null, Set.of(recipients));
    }

    public static FaultSettings undeliverable(String... recipients) {
        return new FaultSettings(null, null, null, null, null, null, null, null, null, Set.of(recipients), null);
    }
}
