package dev.seva.notification.service;

import dev.seva.notification.client.DocumentServiceClient;
import dev.seva.notification.client.GraphApiClient;
import dev.seva.notification.config.NotificationConfig;
import dev.seva.notification.persistence.MediaCacheRepository;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Meta media id of each document a message carries: reused from the cache while Meta keeps it
 * (uploaded media live 30 days; we stop using them a margin earlier), else fetched from
 * document-service and uploaded with {@code POST /{phone-number-id}/media}.
 */
@ApplicationScoped
public class MediaResolver {

    private final MediaCacheRepository cache;
    private final DocumentServiceClient documents;
    private final GraphApiClient graph;
    private final AddressHasher hasher;
    private final NotificationMetrics metrics;
    private final NotificationConfig.Media config;

    public MediaResolver(MediaCacheRepository cache, DocumentServiceClient documents, GraphApiClient graph, AddressHasher hasher,
                         NotificationMetrics metrics, NotificationConfig config) {
        this.cache = cache;
        this.documents = documents;
        this.graph = graph;
        this.hasher = hasher;
        this.metrics = metrics;
        this.config = config.media();
    }

    /** Document id → media id for every document of the message; fails with FailureException when one cannot be had. */
    public Uni<Map<String, String>> resolve(DeliveryJob job) {
        if (job.documentIds().isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return Multi.createFrom().iterable(job.documentIds())
                .onItem().transformToUniAndConcatenate(documentId -> mediaId(job, documentId).map(id -> Map.entry(documentId, id)))
                .collect().in(LinkedHashMap::new, (map, entry) -> map.put(entry.getKey(), entry.getValue()));
    }

    /** Forgets media ids Meta said it no longer has, so the next attempt uploads again. */
    public Uni<Void> invalidate(DeliveryJob job, Map<String, String> mediaIds) {
        return Multi.createFrom().iterable(mediaIds.entrySet())
                .onItem().transformToUniAndConcatenate(e -> cache.invalidate(job.phoneNumberId(), e.getKey(), e.getValue()))
                .collect().last().replaceWithVoid();
    }

    private Uni<String> mediaId(DeliveryJob job, String documentId) {
        return cache.valid(job.phoneNumberId(), documentId).chain(cached -> {
            if (cached.isPresent()) {
                metrics.media("cache-hit");
                return Uni.createFrom().item(cached.get());
            }
            return documents.fetch(documentId)
                    .chain(content -> graph.upload(job.phoneNumberId(), content.bytes(), content.mimeType(), job.filenameOf(documentId)))
                    .call(mediaId -> {
                        metrics.media("uploaded");
                        Instant expires = Instant.now().plus(config.validity()).minus(config.margin());
                        return cache.store(job.phoneNumberId(), documentId, mediaId, hasher.primary(job.command().to()),
                                job.command().citizenRef(), expires);
                    });
        });
    }
}
