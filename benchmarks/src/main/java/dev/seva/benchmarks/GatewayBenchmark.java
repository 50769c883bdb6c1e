package dev.seva.benchmarks;

import dev.seva.contracts.whatsapp.WebhookSigning;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Signed webhook POSTs against a running gateway, at fixed rates. The mix is what one busy number
 * sees: for every citizen message, three delivery statuses (sent, delivered, read) of replies.
 *
 * <pre>java -cp 'benchmarks/target/benchmarks.jar:benchmarks/target/lib/*' dev.seva.benchmarks.GatewayBenchmark \
 *   --url http://127.0.0.1:8081/webhook --secret s --phone-number-id 106540352242922 --rates 1000,3000,5000 --seconds 30</pre>
 */
public final class GatewayBenchmark {

    private GatewayBenchmark() {
    }

    public static void main(String[] args) {
        Args a = new Args(args);
        String url = a.get("url", "http://127.0.0.1:8081/webhook");
        String secret = a.get("secret", "seva-dev-app-secret");
        String phoneNumberId = a.get("phone-number-id", "106540352242922");
        int seconds = Integer.parseInt(a.get("seconds", "30"));
        int warmup = Integer.parseInt(a.get("warmup-seconds", "20"));
        List<Double> rates = new ArrayList<>();
        for (String r : a.get("rates", "1000,2500,5000").split(",")) {
            rates.add(Double.parseDouble(r.trim()));
        }
        java.net.URI uri = java.net.URI.create(url);

        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        HttpClient client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true)
                .setConnectTimeout(5000).setIdleTimeout(30), new PoolOptions().setHttp1MaxSize(256).setMaxWaitQueueSize(-1));
        String run = Long.toString(System.currentTimeMillis(), 36);
        OpenLoopLoad load = new OpenLoopLoad(20_000);

        java.util.function.LongFunction<Future<Integer>> post = sequence -> {
            byte[] body = webhook(run, sequence, phoneNumberId);
            RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setHost(uri.getHost()).setPort(uri.getPort())
                    .setURI(uri.getPath()).putHeader("Content-Type", "application/json")
                    .putHeader(WebhookSigning.HEADER, WebhookSigning.sign(secret, body)).setTimeout(30_000);
            return client.request(options)
                    .compose(req -> req.send(Buffer.buffer(body)))
                    .compose(resp -> resp.body().map(ignored -> resp.statusCode()));
        };

        System.out.printf(Locale.ROOT, "Warming up for %d s at %.0f/s...%n", warmup, rates.get(0));
        load.run(rates.get(0), warmup, post, s -> s == 200);
        System.out.println(OpenLoopLoad.header());
        for (double rate : rates) {
            OpenLoopLoad.Result result = load.run(rate, seconds, post, s -> s == 200);
            System.out.println(OpenLoopLoad.row(String.format(Locale.ROOT, "%.0f/s for %d s", rate, seconds), result));
        }
        client.close();
        vertx.close();
    }

    /** One webhook: a citizen message (1 in 4) or a status of a reply (3 in 4), with unique ids. */
    static byte[] webhook(String run, long sequence, String phoneNumberId) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String citizen = "9198" + String.format(Locale.ROOT, "%08d", random.nextInt(100_000));
        String id = "wamid.BENCH" + run + "x" + sequence;
        long ts = System.currentTimeMillis() / 1000;
        String value;
        if (sequence % 4 == 0) {
            value = "\"contacts\":[{\"profile\":{\"name\":\"Citizen " + (sequence % 997) + "\"},\"wa_id\":\"" + citizen + "\"}],"
                    + "\"messages\":[{\"from\":\"" + citizen + "\",\"id\":\"" + id + "\",\"timestamp\":\"" + ts
                    + "\",\"type\":\"text\",\"text\":{\"body\":\"income certificate status please\"}}]";
        } else {
            String status = switch ((int) (sequence % 4)) {
                case 1 -> "sent";
                case 2 -> "delivered";
                default -> "read";
            };
            value = "\"statuses\":[{\"id\":\"" + id + "\",\"status\":\"" + status + "\",\"timestamp\":\"" + ts
                    + "\",\"recipient_id\":\"" + citizen + "\",\"conversation\":{\"id\":\"c" + run + "\",\"origin\":{\"type\":\"service\"}},"
                    + "\"pricing\":{\"billable\":false,\"pricing_model\":\"PMP\",\"category\":\"service\"}}]";
        }
        String json = "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"102290129340398\",\"changes\":[{\"value\":{"
                + "\"messaging_product\":\"whatsapp\",\"metadata\":{\"display_phone_number\":\"15550783881\",\"phone_number_id\":\""
                + phoneNumberId + "\"}," + value + "},\"field\":\"messages\"}]}]}";
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
