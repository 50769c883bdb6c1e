package dev.seva.notification;

import dev.seva.contracts.Topics;
import dev.seva.notification.support.Commands;
import dev.seva.notification.support.Deliveries;
import dev.seva.notification.support.NotificationTest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 15, "paced replies hold no shared slot": a flood of commands to one citizen is paced in that citizen's
 * own lane, holding none of the permits other citizens' messages need, and past
 * {@code max-queued-per-citizen} waiting commands the rest are dead-lettered {@code citizen-backlog}.
 * Small limits (2 permits, a burst of 3, 8 waiting per citizen) make the effect show within seconds.
 */
@QuarkusTest
@TestProfile(FloodIsolationTest.SmallLimits.class)
class FloodIsolationTest extends NotificationTest {

    public static class SmallLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("seva.notification.max-in-flight", "2",
                    "seva.notification.max-queued-per-citizen", "8",
                    "seva.notification.pair-rate.burst", "3",
                    "seva.notification.pair-rate.interval", "6s");
        }
    }

    @Test
    void oneCitizensFloodDelaysNoOtherCitizenAndItsBacklogIsDeadLettered() {
        // Tried before the change: the paced 4th message held one of the 2 permits while it waited its 6 s, the
        // 5th held the other behind it, so the consumer stopped and the other citizen's reply waited ~40 s for
        // the whole flood's pacing.
        String flooded = Commands.newCitizen();
        List<Commands.Command> flood = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            flood.add(Commands.example("text", flooded, c -> { }));
        }
        flood.forEach(command -> Commands.send(kafka, command));
        Commands.Command reply = Commands.example("text", Commands.newCitizen(), c -> { });
        Commands.send(kafka, reply);

        // 15 s, well short of the ~40 s the flood's pacing imposed before the change: a slow CI machine once took over 5 s.
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50)).until(() -> {
            Response response = Deliveries.get(reply.id());
            return response.statusCode() == 200 && "accepted".equals(response.jsonPath().getString("state"));
        });

        // At most 8 of the flood wait in its lane (3 went at once): the others are parked, with their reason.
        Set<String> floodIds = flood.stream().map(c -> c.id().toString()).collect(Collectors.toSet());
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500)).until(() -> backlogged(floodIds) >= 20 - 8 - 3);
        assertThat(backlogged(floodIds)).isLessThanOrEqualTo(20 - 8);
        assertThat(metric("seva_notification_dead_letters_total{reason=\"citizen-backlog\"}")).isGreaterThanOrEqualTo(20 - 8 - 3);
        // The first messages of the flood went out as usual (the burst).
        Deliveries.awaitState(flood.get(0).id(), "accepted");
    }

    long backlogged(Set<String> commandIds) {
        return kafka.all(Topics.WHATSAPP_OUTBOUND_DLQ).stream()
                .filter(r -> commandIds.contains(r.headers().get("eventId")) && "citizen-backlog".equals(r.headers().get("dlq-reason")))
                .count();
    }
}
