package dev.seva.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seva.contracts.EventJson;
import dev.seva.devstack.DevstackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 10,000 correctly signed but mutated webhooks (byte flips, truncation, structural changes: values of
 * the wrong type, removed or duplicated fields, deep nesting, huge numbers, odd unicode). The only
 * answers allowed are 200 and 400 (and 503 if Kafka were slow); no 500, no exception escaping; the
 * heap after the run is where it was. The seed is fixed so a failure reproduces.
 */
@QuarkusTest
@QuarkusTestResource(DevstackTestResource.class)
class WebhookFuzzTest {

    static final int BODIES = 10_000;
    static final List<String> SEEDS = List.of("text", "interactive-list-reply", "interactive-nfm-reply", "location", "document",
            "contacts", "order", "system", "status-failed", "status-sent", "multi-entry", "user-id-only", "unknown-field");
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Test
    void mutatedSignedBodiesNeverCauseA5xxOrLeakMemory() throws Exception {
        Random random = new Random(20261128L);
        List<JsonNode> seeds = new ArrayList<>();
        for (String seed : SEEDS) {
            seeds.add(EventJson.mapper().readTree(Webhooks.fixture(seed)));
        }
        // Warm up, then measure the heap after the first thousand (class loading and caches settle).
        Map<Integer, Integer> statuses = new TreeMap<>();
        long heapAfterWarmUp = 0;
        for (int i = 0; i < BODIES; i++) {
            byte[] body = mutate(seeds.get(random.nextInt(seeds.size())), random);
            int status = Webhooks.postSigned(body).statusCode();
            statuses.merge(status, 1, Integer::sum);
            assertThat(status).as("body #%d: %s", i, preview(body)).isIn(200, 400, 503);
            if (i == 1_000) {
                heapAfterWarmUp = usedHeapAfterGc();
            }
        }
        long heapAtEnd = usedHeapAfterGc();

        assertThat(statuses.getOrDefault(200, 0)).as("statuses %s", statuses).isGreaterThan(BODIES / 4);
        assertThat(statuses.getOrDefault(400, 0)).as("statuses %s", statuses).isGreaterThan(BODIES / 20);
        assertThat(heapAtEnd - heapAfterWarmUp).as("heap growth over %d webhooks (statuses %s)", BODIES, statuses)
                .isLessThan(48L * 1024 * 1024);
    }

    static byte[] mutate(JsonNode seed, Random random) throws IOException {
        if (random.nextInt(4) == 0) {
            return mutateBytes(EventJson.mapper().writeValueAsBytes(seed), random);
        }
        JsonNode copy = seed.deepCopy();
        int mutations = 1 + random.nextInt(4);
        for (int m = 0; m < mutations; m++) {
            mutateTree(copy, random);
        }
        return EventJson.mapper().writeValueAsBytes(copy);
    }

    private static byte[] mutateBytes(byte[] bytes, Random random) {
        switch (random.nextInt(4)) {
            case 0 -> {
                int flips = 1 + random.nextInt(8);
                for (int i = 0; i < flips; i++) {
                    bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
                }
                return bytes;
            }
            case 1 -> {
                byte[] cut = new byte[random.nextInt(bytes.length)];
                System.arraycopy(bytes, 0, cut, 0, cut.length);
                return cut;
            }
            case 2 -> {
                String nested = "[".repeat(2000 + random.nextInt(3000));
                return nested.getBytes();
            }
            default -> {
                byte[] doubled = new byte[bytes.length * 2];
                System.arraycopy(bytes, 0, doubled, 0, bytes.length);
                System.arraycopy(bytes, 0, doubled, bytes.length, bytes.length);
                return doubled;
            }
        }
    }

    /** Picks a random node in the tree and replaces, removes or duplicates something there. */
    private static void mutateTree(JsonNode root, Random random) {
        List<JsonNode> containers = new ArrayList<>();
        collect(root, containers);
        JsonNode target = containers.get(random.nextInt(containers.size()));
        if (target instanceof ObjectNode object && object.size() > 0) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            String name = names.get(random.nextInt(names.size()));
            switch (random.nextInt(4)) {
                case 0 -> object.remove(name);
                case 1 -> object.set(name, randomValue(random));
                case 2 -> object.set(name + (random.nextBoolean() ? "_x" : ""), object.get(name).deepCopy());
                default -> object.set(name, NODES.textNode(weirdText(random)));
            }
        } else if (target instanceof ArrayNode array) {
            switch (random.nextInt(3)) {
                case 0 -> array.add(randomValue(random));
                case 1 -> {
                    if (array.size() > 0) {
                        array.add(array.get(random.nextInt(array.size())).deepCopy());
                    }
                }
                default -> {
                    if (array.size() > 0) {
                        array.remove(random.nextInt(array.size()));
                    }
                }
            }
        }
    }

    private static JsonNode randomValue(Random random) {
        return switch (random.nextInt(9)) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.numberNode(random.nextLong());
            case 2 -> NODES.numberNode(new java.math.BigDecimal("1e" + (100 + random.nextInt(900))));
            case 3 -> NODES.booleanNode(random.nextBoolean());
            case 4 -> NODES.arrayNode().add(NODES.objectNode());
            case 5 -> NODES.objectNode().put("type", "text").putNull("text");
            case 6 -> NODES.textNode("");
            case 7 -> NODES.numberNode(-1.5e308);
            default -> NODES.textNode(weirdText(random));
        };
    }

    private static String weirdText(Random random) {
        String[] samples = {"\u0000", "\uD83D\uDE00", "\u202Eevil", "ఆదాయం", "x".repeat(70_000), "1795860000", "-1", "wamid.", "919876543210",
                "{\"object\":\"whatsapp_business_account\"}", "sha256=", "\uFFFF", "IN."};
        return samples[random.nextInt(samples.length)];
    }

    private static void collect(JsonNode node, List<JsonNode> into) {
        if (node.isContainerNode()) {
            into.add(node);
            for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
                collect(it.next(), into);
            }
        }
    }

    private static long usedHeapAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    private static String preview(byte[] body) {
        String text = new String(body, 0, Math.min(body.length, 300), java.nio.charset.StandardCharsets.UTF_8);
        return text.replaceAll("[^\\x20-\\x7E]", "?");
    }
}
