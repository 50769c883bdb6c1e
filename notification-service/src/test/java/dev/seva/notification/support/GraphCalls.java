package dev.seva.notification.support;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seva.contracts.EventJson;
import dev.seva.simulator.standin.ApiCall;
import dev.seva.simulator.standin.GraphApiStandIn;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static org.awaitility.Awaitility.await;

/** What the Graph API stand-in received, and the expected request bodies in src/test/resources/graph/requests. */
public final class GraphCalls {

    private GraphCalls() {
    }

    /** Every /messages call carrying this command id, oldest first. */
    public static List<ApiCall> forCommand(GraphApiStandIn meta, UUID commandId) {
        return matching(meta, call -> commandId.toString().equals(call.bizOpaque()));
    }

    public static List<ApiCall> matching(GraphApiStandIn meta, Predicate<ApiCall> filter) {
        return meta.requests(20_000).stream().filter(filter).toList();
    }

    /** Waits for the accepted /messages call of this command and answers it. */
    public static ApiCall awaitAccepted(GraphApiStandIn meta, UUID commandId) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> forCommand(meta, commandId).stream().anyMatch(c -> c.status() == 200));
        return forCommand(meta, commandId).stream().filter(c -> c.status() == 200).findFirst().orElseThrow();
    }

    /** An expected request body with its ${placeholders} filled. */
    public static JsonNode expected(String name, Map<String, String> values) {
        try (InputStream in = GraphCalls.class.getResourceAsStream("/graph/requests/" + name + ".json")) {
            if (in == null) {
                throw new IllegalArgumentException("No expected request " + name);
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            for (Map.Entry<String, String> value : values.entrySet()) {
                text = text.replace("${" + value.getKey() + "}", value.getValue());
            }
            return EventJson.mapper().readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
