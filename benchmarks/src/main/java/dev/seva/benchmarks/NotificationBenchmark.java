package dev.seva.benchmarks;

import dev.seva.contracts.ContractAssertions;
import dev.seva.contracts.Topics;
import dev.seva.simulator.standin.GraphApiStandIn;
import dev.seva.simulator.standin.LoggedMessage;
import dev.seva.simulator.standin.StandInConfig;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongFunction;

/**
 * notification-service under load: SendMessage commands written to whatsapp.outbound.v1 at fixed rates
 * (open loop), Meta's Graph API played by the simulator's stand-in in this JVM (enforcing the same
 * per-number limit, so an over-eager sender would see 130429). Latency of each command: from the moment
 * it was due to be written to the topic until the stand-in received its Graph API call.
 *
 * <pre>java -cp 'benchmarks/target/benchmarks.jar:benchmarks/target/lib/*' dev.seva.benchmarks.NotificationBenchmark \
 *   --bootstrap 127.0.0.1:19092 --stand-in-port 18090 --notification http://127.0.0.1:18085 --rates 500,1000 --seconds 30</pre>
 */
public final class NotificationBenchmark {

    static final String PHONE_NUMBER_ID = "106540352242922";

    private NotificationBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Args a = new Args(args);
        String bootstrap = a.get("bootstrap", "127.0.0.1:19092");
        int port = Integer.parseInt(a.get("stand-in-port", "18090"));
        String notification = a.get("notification", "http://127.0.0.1:18085");
        String token = a.get("token", "bench-access-token");
        int limit = Integer.parseInt(a.get("limit", "1000"));
        int seconds = Integer.parseInt(a.get("seconds", "30"));
        int warmup = Integer.parseInt(a.get("warmup-seconds", "20"));
        List<Double> rates = new ArrayList<>();
        for (String r : a.get("rates", "500,1000").split(",")) {
            rates.add(Double.parseDouble(r.trim()));
        }

        GraphApiStandIn meta = GraphApiStandIn.start(port, StandInConfig.defaults().toBuilder()
                .accessToken(token).statusTiming(StandInConfig.StatusTiming.none())
                .throughputPerSecond(limit).messageLogCapacity(20_000).build());
        Map<String, Promise<Integer>> pending = new ConcurrentHashMap<>();
        meta.onAccepted((LoggedMessage message) -> {
            Promise<Integer> promise = pending.remove(message.bizOpaqueCallbackData());
            if (promise != null) {
                promise.tryComplete(200);
            }
        });
        ContractAssertions.assertConforms(Topics.WHATSAPP_OUTBOUND, command(UUID.randomUUID(), "919700000000", 0));
        awaitReady(notification);

        Vertx vertx = Vertx.vertx();
        KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, "1", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true"),
                new StringSerializer(), new StringSerializer());
        LongFunction<Future<Integer>> send = sequence -> {
            UUID id = UUID.randomUUID();
            String citizen = "9197" + String.format(Locale.ROOT, "%08d", sequence % 200_000);
            Promise<Integer> promise = Promise.promise();
            pending.put(id.toString(), promise);
            vertx.setTimer(20_000, t -> {
                if (pending.remove(id.toString()) != null) {
                    promise.tryComplete(-1);
                }
            });
            producer.send(new ProducerRecord<>(Topics.WHATSAPP_OUTBOUND, citizen, command(id, citizen, sequence)), (metadata, error) -> {
                if (error != null && pending.remove(id.toString()) != null) {
                    promise.tryComplete(-2);
                }
            });
            return promise.future();
        };
        OpenLoopLoad load = new OpenLoopLoad(50_000);

        System.out.printf(Locale.ROOT, "Warming up for %d s at %.0f/s...%n", warmup, rates.get(0) / 2);
        load.run(rates.get(0) / 2, warmup, send, s -> s == 200);
        System.out.println(OpenLoopLoad.header());
        long refusedBefore = meta.answered(429);
        List<String> perSecond = new ArrayList<>();
        for (double rate : rates) {
            OpenLoopLoad.Result result = load.run(rate, seconds, send, s -> s == 200);
            System.out.println(OpenLoopLoad.row(String.format(Locale.ROOT, "%.0f/s for %d s (limit %d/s)", rate, seconds, limit), result));
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%.0f/s, p99 ms of each second:", rate));
            for (long micros : result.p99MicrosPerSecond()) {
                line.append(' ').append(micros / 1000);
            }
            perSecond.add(line.toString());
        }
        System.out.println();
        perSecond.forEach(System.out::println);
        System.out.printf(Locale.ROOT, "%nGraph API calls refused by the stand-in's %d/s limit (130429) during the runs: %d%n",
                limit, meta.answered(429) - refusedBefore);
        producer.close();
        vertx.close();
        meta.close();
    }

    /** A command of the usual mix: text (3 in 5), list, reply buttons. */
    static String command(UUID id, String citizen, long sequence) {
        String head = "{\"eventId\":\"" + id + "\",\"eventType\":\"whatsapp.send.requested\",\"occurredAt\":\"" + Instant.now()
                + "\",\"phoneNumberId\":\"" + PHONE_NUMBER_ID + "\",\"to\":{\"waId\":\"" + citizen
                + "\"},\"language\":\"en\",\"withinServiceWindow\":true,";
        return head + switch ((int) (sequence % 5)) {
            case 3 -> "\"kind\":\"list\",\"list\":{\"body\":\"Choose a service\",\"button\":\"Services\",\"sections\":[{\"title\":\"Revenue\","
                    + "\"rows\":[{\"id\":\"svc:income\",\"title\":\"Income certificate\"},{\"id\":\"svc:caste\",\"title\":\"Caste certificate\"}]}]}}";
            case 4 -> "\"kind\":\"buttons\",\"buttons\":{\"body\":\"Is this correct?\",\"buttons\":[{\"id\":\"yes\",\"title\":\"Yes\"},"
                    + "{\"id\":\"no\",\"title\":\"No\"}]}}";
            default -> "\"kind\":\"text\",\"text\":{\"body\":\"Your application SEVA-REV-2026-000123 has been received.\"}}";
        };
    }

    private static void awaitReady(String notification) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<Void> ready = http.send(HttpRequest.newBuilder(URI.create(notification + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException notYet) {
                // starting
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("notification-service did not become ready at " + notification);
    }
}
