package dev.seva.devstack;

import io.quarkus.test.common.http.TestHTTPResource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every Seva service promises operators, checked against the running application on the real
 * devstack: liveness, readiness that covers its Kafka (and PostgreSQL) connections, Prometheus
 * metrics and an OpenAPI document. A service's test extends this, is a {@code @QuarkusTest} with
 * {@link DevstackTestResource}, and names the readiness checks it must report UP.
 */
public abstract class ServiceEndpointsContract {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TestHTTPResource("/")
    URL root;

    /** Words that must each appear (case-insensitive) in the name of an UP readiness check, e.g. "kafka", "postgresql". */
    protected abstract List<String> readinessMustCover();

    @Test
    void livenessIsUp() throws Exception {
        HttpResponse<String> response = get("q/health/live");
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.body().contains("\"status\": \"UP\"") || response.body().contains("\"status\":\"UP\""), response.body());
    }

    @Test
    void readinessIsUpAndCoversKafkaAndTheDatabase() throws Exception {
        // Readiness may still be DOWN for a moment right after start (Kafka clients connecting, the outbox
        // relay taking its lock); it has to become UP, as Kubernetes would wait for it.
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        HttpResponse<String> response = get("q/health/ready");
        while (response.statusCode() != 200 && System.nanoTime() < deadline) {
            Thread.sleep(500);
            response = get("q/health/ready");
        }
        assertEquals(200, response.statusCode(), response.body());
        String body = response.body().toLowerCase(Locale.ROOT);
        for (String dependency : readinessMustCover()) {
            assertTrue(body.contains(dependency.toLowerCase(Locale.ROOT)),
                    "readiness should include a check for " + dependency + ": " + response.body());
        }
        assertTrue(!body.contains("\"down\""), "no readiness check may be DOWN: " + response.body());
    }

    @Test
    void prometheusMetricsAreExposed() throws Exception {
        HttpResponse<String> response = get("q/metrics");
        assertEquals(200, response.statusCode());
        assertTrue(response.body().contains("jvm_memory_used_bytes"), "Prometheus text format with JVM metrics");
    }

    @Test
    void openApiDocumentIsServed() throws Exception {
        HttpResponse<String> response = get("q/openapi?format=json");
        assertEquals(200, response.statusCode());
        assertTrue(response.body().contains("\"openapi\""), response.body());
    }

    protected HttpResponse<String> get(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(root.toString()).resolve(path))
                .timeout(Duration.ofSeconds(30)).GET().build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
