package dev.seva.desk.messaging;

import dev.seva.consumer.InfrastructureFailures;
import dev.seva.contracts.EventJson;
import dev.seva.contracts.catalogue.CatalogueServicePublished;
import dev.seva.contracts.citizen.CitizenErasureRequested;
import dev.seva.contracts.department.ApplicationEvent;
import dev.seva.contracts.department.LookupRequested;
import dev.seva.contracts.handover.ConversationHandoverEvent;
import dev.seva.desk.service.CatalogueView;
import dev.seva.desk.service.Intake;
import dev.seva.desk.service.Lookups;
import dev.seva.desk.service.Threads;
import dev.seva.outbox.RecordPipeline;
import dev.seva.privacy.vault.VaultClient;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * What the desk reads: the applications and look-ups topics of every department (by pattern; those it
 * does not serve are passed over), the citizens' handover threads, erasures, and the catalogue. Each record
 * through the platform's one consumer pipeline ({@link RecordPipeline}: contract check, retries, waiting
 * on the database, dead letters). The desk stores what citizens wrote sealed with their key from
 * vault-service: while the vault does not answer, a record waits (retried with backoff, holding its
 * partition, as for the database) instead of being dead-lettered.
 */
@ApplicationScoped
public class DeskConsumers {

    private static final Logger LOG = Logger.getLogger(DeskConsumers.class);

    @Inject
    RecordPipeline pipeline;

    @Inject
    Intake intake;

    @Inject
    Threads threads;

    @Inject
    Lookups lookups;

    @Inject
    CatalogueView catalogue;

    @Incoming("applications")
    public Uni<Void> application(ConsumerRecord<String, String> record) {
        String department = dev.seva.contracts.Topics.parseDepartmentTopic(record.topic())
                .map(dev.seva.contracts.Topics.DepartmentTopic::departmentId).orElse("");
        if (!intake.serves(department)) {
            // Another department's own system reads this topic; the desk is not its consumer.
            return Uni.createFrom().voidItem();
        }
        return pipeline.process(record, ApplicationEvent.class, e -> waitingForTheVault(() -> intake.onApplicationEvent(record.topic(), e)));
    }

    @Incoming("lookups")
    public Uni<Void> lookup(ConsumerRecord<String, String> record) {
        String department = dev.seva.contracts.Topics.parseDepartmentTopic(record.topic())
                .map(dev.seva.contracts.Topics.DepartmentTopic::departmentId).orElse("");
        if (!intake.serves(department)) {
            // A department with a system of its own answers its look-ups itself.
            return Uni.createFrom().voidItem();
        }
        return pipeline.process(record, LookupRequested.class, e -> waitingForTheVault(() -> lookups.onLookup(record.topic(), e)));
    }

    @Incoming("handovers")
    public Uni<Void> handover(ConsumerRecord<String, String> record) {
        return pipeline.process(record, ConversationHandoverEvent.class, e -> waitingForTheVault(() -> threads.onConversationEvent(record.topic(), e)));
    }

    @Incoming("erasures")
    public Uni<Void> erasure(ConsumerRecord<String, String> record) {
        return pipeline.process(record, CitizenErasureRequested.class, e -> intake.onErasure(record.topic(), e));
    }

    /**
     * The vault is infrastructure for the desk, like its database: a record that needs a citizen's key
     * waits for it (backoff up to {@link InfrastructureFailures#MAX_BACKOFF}, for up to
     * {@link InfrastructureFailures#PATIENCE}). Also when the vault refuses the desk (a wrong secret or
     * right: the operator's fix, not the record's fault). A 410 is no failure: the citizen is erased and
     * the handler stores nothing.
     */
    static Uni<Void> waitingForTheVault(java.util.function.Supplier<Uni<Void>> work) {
        return Uni.createFrom().<Void>deferred(work::get)
                .onFailure(f -> f instanceof VaultClient.VaultUnavailable || f instanceof VaultClient.VaultRefused)
                .invoke(f -> LOG.warnf("Waiting for vault-service before storing a citizen's data: %s", f.getMessage()))
                .onFailure(f -> f instanceof VaultClient.VaultUnavailable || f instanceof VaultClient.VaultRefused).retry()
                .withBackOff(InfrastructureFailures.FIRST_BACKOFF, InfrastructureFailures.MAX_BACKOFF)
                .expireIn(InfrastructureFailures.PATIENCE.toMillis());
    }

    @Incoming("catalogue")
    public void catalogue(ConsumerRecord<String, String> record) {
        if (record.value() == null) {
            catalogue.remove(record.key());
            return;
        }
        try {
            catalogue.put(EventJson.mapper().readValue(record.value(), CatalogueServicePublished.class).service());
        } catch (Exception e) {
            LOG.warnf("Unreadable catalogue record for %s: skipped (catalogue-service validates what it publishes)", record.key());
        }
    }
}
