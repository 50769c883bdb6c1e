package dev.seva.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seva.contracts.EventJson;
import dev.seva.contracts.Topics;
import dev.seva.contracts.privacy.Masking;
import dev.seva.contracts.whatsapp.WebhookSigning;
import dev.seva.devstack.Devstack;
import dev.seva.devstack.DevstackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The per-sender hard cap with its production settings (30 messages per 10 s, burst 30): a flood from
 * one number is acknowledged but capped, another number's message in the middle goes through at once,
 * statuses are never capped. Checked on the real broker and on /q/metrics.
 */
@QuarkusTest
@TestProfile(SenderFloodCapTest.ProductionCap.class)
@QuarkusTestResource(DevstackTestResource.class)
@QuarkusTestResource(FakeVaultResource.class)
class SenderFloodCapTest {

    static final int FLOOD = 300;
    static final int BURST = 30;
    static final double PER_SECOND = 3.0;

    /** The defaults of application.properties, which the other tests raise (they send thousands from a few numbers). */
    public static class ProductionCap implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("seva.gateway.flood.messages", "30", "seva.gateway.flood.period", "10s",
                    "seva.gateway.flood.burst", "30");
        }
    }

    Devstack devstack;

    @TestHTTPResource("/webhook")
    URI webhook;

    @Test
    void aFloodFromOneNumberIsCappedAndAnotherNumberIsServedPromptly() throws Exception {
        String flooder = randomWaId();
        String other = randomWaId();
        List<byte[]> bodies = new ArrayList<>();
        for (int i = 0; i < FLOOD; i++) {
            bodies.add(Citizens.webhook(flooder, "Flood", List.of(Citizens.text(Citizens.messageId(), "hi " + i))));
        }
        double throttledBefore = throttledMetric();
        TopicRecords records = TopicRecords.marked(devstack.kafkaBootstrapServers());
        List<String> logLines = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                // The line as written, and its parameters as given: neither may hold the number.
                String line = record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
                logLines.add(line + " " + Arrays.toString(record.getParameters()));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger intakeLog = Logger.getLogger("dev.seva.gateway.service.WebhookIntake");
        intakeLog.addHandler(capture);

        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        ExecutorService senders = Executors.newFixedThreadPool(8);
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        long started = System.nanoTime();
        Response otherAnswer = null;
        long otherTook = 0;
        try {
            for (int i = 0; i < FLOOD; i++) {
                byte[] body = bodies.get(i);
                answers.add(CompletableFuture.supplyAsync(() -> post(http, webhook, body), senders));
                if (i == FLOOD / 2) {
                    // In the middle of the flood, on its own connection: another citizen.
                    long otherStarted = System.nanoTime();
                    otherAnswer = Webhooks.postSigned(Citizens.webhook(other, "Other", List.of(Citizens.text(Citizens.messageId(), "hello"))));
                    otherTook = System.nanoTime() - otherStarted;
                }
            }
            CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get();
        } finally {
            senders.shutdown();
            intakeLog.removeHandler(capture);
        }
        double elapsedSeconds = (System.nanoTime() - started) / 1e9;

        int published = 0;
        int throttled = 0;
        for (CompletableFuture<HttpResponse<String>> answer : answers) {
            HttpResponse<String> response = answer.get();
            // Over the cap is still 200: Meta must not retry what we chose not to publish.
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode json = EventJson.mapper().readTree(response.body());
            published += json.path("messages").asInt();
            throttled += json.path("throttled").asInt();
        }
        assertThat(published + throttled).isEqualTo(FLOOD);
        // At most the bucket plus what refilled while the burst lasted (3 a second).
        int allowed = BURST + (int) Math.ceil(elapsedSeconds * PER_SECOND);
        assertThat(published).as("published of %d in %.1f s", FLOOD, elapsedSeconds).isBetween(BURST, allowed);

        assertThat(otherAnswer.statusCode()).isEqualTo(200);
        assertThat(otherAnswer.jsonPath().getInt("messages")).isEqualTo(1);
        assertThat(Duration.ofNanos(otherTook)).as("the other number's webhook, answered after Kafka acknowledged it")
                .isLessThan(Duration.ofSeconds(2));

        // A delivery receipt for the flooder is never capped.
        Response status = Webhooks.postSigned(Citizens.status(flooder, "wamid.STATUS" + flooder));
        assertThat(status.jsonPath().getInt("statuses")).isEqualTo(1);

        List<TopicRecords.Seen> seen = records.since();
        assertThat(seen.stream().filter(r -> r.topic().equals(Topics.WHATSAPP_INBOUND) && flooder.equals(r.key())).count())
                .isEqualTo(published);
        assertThat(seen.stream().filter(r -> r.topic().equals(Topics.WHATSAPP_INBOUND) && other.equals(r.key())).count()).isEqualTo(1);
        assertThat(seen.stream().filter(r -> r.topic().equals(Topics.WHATSAPP_STATUS) && flooder.equals(r.key())).count()).isEqualTo(1);
        assertThat(seen).as("nothing of the flood dead-lettered").noneMatch(r -> r.topic().endsWith(".dlq"));
        assertThat(throttledMetric() - throttledBefore).isEqualTo(throttled);
        // Logged once for the flood (it lasted less than the 10 s period), without the number in any form.
        List<String> capped = logLines.stream().filter(line -> line.contains("over the gateway's cap")).toList();
        assertThat(capped).as("log lines %s", logLines).hasSize(1);
        assertThat(capped.get(0)).doesNotContain(flooder).doesNotContain(Masking.phone(flooder)).contains("sender-");
    }

    private static HttpResponse<String> post(HttpClient http, URI webhook, byte[] body) {
        try {
            return http.send(HttpRequest.newBuilder(webhook)
                    .header("Content-Type", "application/json")
                    .header("X-Hub-Signature-256", WebhookSigning.sign(Webhooks.SECRET, body))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static double throttledMetric() {
        String metrics = RestAssured.get("/q/metrics").asString();
        Matcher m = Pattern.compile("(?m)^seva_intake_throttled_total\\{stage=\"gateway\"} ([0-9.eE+]+)$").matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    private static String randomWaId() {
        return "9190" + (10_000_000 + ThreadLocalRandom.current().nextInt(89_999_999));
    }
}
