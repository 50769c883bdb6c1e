package dev.seva.desk.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seva.contracts.EventJson;
import dev.seva.desk.domain.CertificatePrefill;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What document-service's certificate template of a document type prints and requires
 * ({@code GET /templates/{type}}), so that an approval carries the data its certificate needs. Templates
 * change only with a document-service release: each is fetched once per instance.
 */
@ApplicationScoped
public class DocumentTemplates {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final Map<String, CertificatePrefill.Template> cache = new ConcurrentHashMap<>();

    @jakarta.inject.Inject
    dev.seva.desk.config.DeskConfig config;

    public Uni<CertificatePrefill.Template> template(String type) {
        CertificatePrefill.Template known = cache.get(type);
        if (known != null) {
            return Uni.createFrom().item(known);
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(config.documentServiceUrl() + "/templates/" + type))
                .timeout(Duration.ofSeconds(4)).header("Accept", "application/json").GET().build();
        // The JDK client completes on its own threads; the caller goes on with Hibernate Reactive, which
        // needs the request's Vert.x context ("No current Vertx context found" otherwise): back onto it.
        io.vertx.core.Context caller = io.vertx.core.Vertx.currentContext();
        Uni<HttpResponse<String>> answer = Uni.createFrom().completionStage(() -> http.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
        if (caller != null) {
            answer = answer.emitOn(task -> caller.runOnContext(ignored -> task.run()));
        }
        return answer
                .map(response -> {
                    if (response.statusCode() == 404) {
                        // No template of its own: document-service prints the general certificate, listing every value.
                        return new CertificatePrefill.Template(type, List.of(), Map.of());
                    }
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException("document-service answered " + response.statusCode() + " for template " + type);
                    }
                    CertificatePrefill.Template t = parse(type, response.body());
                    cache.put(type, t);
                    return t;
                });
    }

    static CertificatePrefill.Template parse(String type, String body) {
        try {
            JsonNode json = EventJson.mapper().readTree(body);
            List<String> required = new ArrayList<>();
            json.path("required").forEach(r -> required.add(r.asText()));
            Map<String, String> labels = new LinkedHashMap<>();
            json.path("fields").forEach(f -> labels.put(f.path("key").asText(), f.path("label").path("en").asText(f.path("key").asText())));
            for (String r : required) {
                labels.putIfAbsent(r, r);
            }
            return new CertificatePrefill.Template(type, List.copyOf(required), labels);
        } catch (Exception e) {
            throw new IllegalStateException("document-service's template " + type + " is not the JSON expected", e);
        }
    }
}
