package dev.seva.notification;

import dev.seva.notification.support.Commands;
import dev.seva.notification.support.Deliveries;
import dev.seva.notification.support.GraphCalls;
import dev.seva.notification.support.NotificationTest;
import dev.seva.simulator.standin.ApiCall;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * End to end, a backlog of commands for one business number (limited to 50 messages/s in the test
 * configuration) reaches the Graph API at that rate: the measured rate is within 10% of the limit.
 * A count of calls over the time they took, not a speed test.
 */
@QuarkusTest
class MeasuredRateTest extends NotificationTest {

    static final String NUMBER = "106540352242999";
    static final int LIMIT = 50;

    @Test
    void sendsABacklogAtTheNumbersConfiguredRate() {
        List<Commands.Command> backlog = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            backlog.add(Commands.example("text", Commands.newCitizen(), c -> c.put("phoneNumberId", NUMBER)));
        }

        backlog.forEach(command -> Commands.send(kafka, command));

        Set<String> ids = backlog.stream().map(c -> c.id().toString()).collect(Collectors.toSet());
        await().atMost(Duration.ofSeconds(60)).until(() -> accepted(ids).size() == ids.size());
        List<ApiCall> calls = accepted(ids);
        assertThat(calls).extracting(ApiCall::path).containsOnly("/v23.0/" + NUMBER + "/messages");
        List<Long> arrivals = new ArrayList<>(calls.stream().map(ApiCall::nanoTime).sorted().toList());
        // A quiet number may send a tenth of a second's worth at once; the rest go out one slot (1/rate) apart.
        int burst = LIMIT / 10;
        double seconds = (arrivals.get(arrivals.size() - 1) - arrivals.get(burst)) / 1e9;
        double measured = (arrivals.size() - 1 - burst) / seconds;
        // Never above the number's rate (what Meta enforces); well above half of it. The lower bound is
        // loose on purpose: a slot left unused for 100 ms (a GC pause or a stall of the shared 2-core CI
        // machine) is dropped, not made up later, so a busy machine sends a little below the rate.
        assertThat(measured).as("messages per second").isBetween(LIMIT * 0.6, LIMIT * 1.1);
        assertThat(Deliveries.awaitState(backlog.get(backlog.size() - 1).id(), "accepted").getInt("attempts")).isEqualTo(1);
    }

    private List<ApiCall> accepted(Set<String> commandIds) {
        return GraphCalls.matching(meta, call -> call.status() == 200 && commandIds.contains(call.bizOpaque()));
    }
}
