package dev.seva.department.revenue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seva.contracts.ContractValidator;
import dev.seva.contracts.EventJson;
import dev.seva.contracts.Headers;
import dev.seva.contracts.Topics;
import dev.seva.contracts.catalogue.CatalogueServicePublished;
import dev.seva.contracts.catalogue.ServiceDefinition;
import dev.seva.contracts.department.ApplicationEvent;
import dev.seva.contracts.department.ApplicationOutcomeDecided;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Revenue department's system: reads {@code dept.revenue.applications.v1}, decides by its rules,
 * writes {@code dept.revenue.outcomes.v1}. An application is acknowledged (its offset committed) only
 * after every outcome planned for it was written, so a restart re-decides what was not finished; the
 * outcome ids are deterministic, so nothing reaches the citizen twice. It knows its services from the
 * compacted {@code catalogue.services.v1}, as every reader of the catalogue does.
 */
@ApplicationScoped
public class RevenueDepartment {

    private static final Logger LOG = Logger.getLogger(RevenueDepartment.class);

    @Inject
    DepartmentConfig config;

    @Inject
    @Channel("outcomes")
    MutinyEmitter<String> outcomes;

    private static final Duration CATALOGUE_WAIT = Duration.ofSeconds(30);
    private final Map<String, ServiceDefinition> services = new ConcurrentHashMap<>();

    @Incoming("catalogue")
    public CompletionStage<Void> learn(Message<String> record) {
        String key = record.getMetadata(IncomingKafkaRecordMetadata.class).map(m -> String.valueOf(m.getKey())).orElse(null);
        if (record.getPayload() == null) {
            services.remove(key);
        } else {
            try {
                ServiceDefinition service = EventJson.mapper().readValue(record.getPayload(), CatalogueServicePublished.class).service();
                if (config.id().equals(service.departmentId()) && services.put(service.id(), service) == null) {
                    LOG.debugf("Learned service %s (%d known)", service.id(), services.size());
                }
            } catch (Exception e) {
                LOG.warnf("Unreadable catalogue record for %s", key);
            }
        }
        return record.ack();
    }

    @Incoming("applications")
    public CompletionStage<Void> receive(Message<String> message) {
        ApplicationEvent event;
        try {
            JsonNode json = EventJson.mapper().readTree(message.getPayload());
            ContractValidator.instance().requireValid(Topics.departmentApplications(config.id()), json);
            event = EventJson.mapper().treeToValue(json, ApplicationEvent.class);
        } catch (Exception e) {
            LOG.errorf("Application record refused (%s); a department would route it to its own error queue", e.getMessage());
            return message.ack();
        }
        ApplicationEvent application = event;
        // Decide in the background; acknowledge when every outcome is written. The next application
        // does not wait for this one's officer.
        knownService(event.serviceId())
                .map(service -> new Decisions(config).decide(application, service))
                .invoke(plan -> LOG.infof("Application %s (%s): %d outcome(s) planned; %d services of ours known",
                        application.applicationRef(), application.eventType(), plan.size(), services.size()))
                .onItem().transformToMulti(plan -> Multi.createFrom().iterable(plan))
                .onItem().transformToUniAndConcatenate(planned -> Uni.createFrom().voidItem().onItem().delayIt().by(planned.after())
                        .chain(() -> publish(planned.outcome())))
                .collect().last()
                .subscribe().with(done -> message.ack(), failure -> {
                    LOG.errorf("Could not publish outcomes of %s: %s", event.applicationRef(), failure.getMessage());
                    message.nack(failure);
                });
        return CompletableFuture.completedFuture(null);
    }

    /**
     * The service's definition. Right after a start the catalogue topic may not be read yet: wait a
     * little for it before concluding the service is not one of ours.
     */
    private Uni<Optional<ServiceDefinition>> knownService(String serviceId) {
        return Uni.createFrom().item(() -> services.get(serviceId))
                .onItem().ifNull().failWith(() -> new IllegalStateException("service not known yet"))
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(2)).expireIn(CATALOGUE_WAIT.toMillis())
                .map(Optional::of)
                .onFailure().recoverWithItem(Optional.empty());
    }

    private Uni<Void> publish(ApplicationOutcomeDecided outcome) {
        String topic = Topics.departmentOutcomes(config.id());
        JsonNode json = ContractValidator.instance().requireValid(topic, outcome);
        RecordHeaders headers = new RecordHeaders();
        headers.add(Headers.EVENT_TYPE, outcome.eventType().getBytes(StandardCharsets.UTF_8));
        headers.add(Headers.EVENT_ID, outcome.eventId().toString().getBytes(StandardCharsets.UTF_8));
        return outcomes.sendMessage(Message.of(json.toString()).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(outcome.citizenRef()).withHeaders(headers).build()))
                .invoke(() -> LOG.infof("Application %s: %s%s", outcome.applicationRef(), outcome.outcome().wireName(),
                        outcome.reason() == null ? "" : " (" + outcome.reason().en() + ")"));
    }
}
