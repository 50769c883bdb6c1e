package dev.seva.simulator.standin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seva.contracts.EventJson;
import dev.seva.contracts.whatsapp.WebhookSigning;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

import java.net.URI;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Posts webhooks as Meta does: JSON signed with {@code X-Hub-Signature-256} (the app secret), retried
 * with exponential backoff while the receiver answers anything but 2xx, up to the configured attempts
 * (Meta keeps trying for days; a stand-in gives up sooner and counts it).
 */
final class WebhookSender {

    private final Vertx vertx;
    private final HttpClient client;
    private final URI url;
    private final String appSecret;
    private final StandInConfig.WebhookDelivery delivery;
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong abandoned = new AtomicLong();

    WebhookSender(Vertx vertx, URI url, String appSecret, StandInConfig.WebhookDelivery delivery) {
        this.vertx = vertx;
        this.url = url;
        this.appSecret = appSecret;
        this.delivery = delivery;
        this.client = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(5_000).setKeepAlive(true),
                new PoolOptions().setHttp1MaxSize(64).setMaxWaitQueueSize(-1));
    }

    /** Posts the webhook; the future has the receiver's first answer (0 when it could not be reached). Later attempts continue alone. */
    Future<Integer> post(ObjectNode payload) {
        byte[] body;
        try {
            body = EventJson.mapper().writeValueAsBytes(payload);
        } catch (JsonProcessingException e) {
            return Future.failedFuture(e);
        }
        Promise<Integer> first = Promise.promise();
        attempt(body, 1, first);
        return first.future();
    }

    long delivered() {
        return delivered.get();
    }

    long abandoned() {
        return abandoned.get();
    }

    void close() {
        client.close();
    }

    private void attempt(byte[] body, int attempt, Promise<Integer> first) {
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(url.toString())
                .putHeader("Content-Type", "application/json")
                .putHeader(WebhookSigning.HEADER, WebhookSigning.sign(appSecret, body))
                .setTimeout(10_000);
        client.request(options)
                .compose(request -> request.send(Buffer.buffer(body)))
                .compose(response -> response.body().map(ignored -> response.statusCode()))
                .onComplete(outcome -> {
                    int status = outcome.succeeded() ? outcome.result() : 0;
                    first.tryComplete(status);
                    if (status >= 200 && status < 300) {
                        delivered.incrementAndGet();
                    } else if (attempt < delivery.maxAttempts()) {
                        long backoff = delivery.firstBackoff().toMillis() << Math.min(attempt - 1, 16);
                        vertx.setTimer(Math.max(1, backoff), t -> attempt(body, attempt + 1, first));
                    } else {
                        abandoned.incrementAndGet();
                    }
                });
    }
}
