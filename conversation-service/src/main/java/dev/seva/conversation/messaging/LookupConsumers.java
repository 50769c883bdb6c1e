package dev.seva.conversation.messaging;

import dev.seva.contracts.department.LookupAnswered;
import dev.seva.conversation.service.Lookups;
import dev.seva.outbox.RecordPipeline;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Every department's answers to its look-ups ({@code dept.*.answers.v1}, by pattern; the department is the topic's), and
 * the apology for look-ups not answered in time.
 */
@ApplicationScoped
public class LookupConsumers {

    private static final Logger LOG = Logger.getLogger(LookupConsumers.class);

    @Inject
    Lookups lookups;

    @Inject
    RecordPipeline pipeline;

    @Incoming("answers")
    public Uni<Void> answer(ConsumerRecord<String, String> record) {
        return pipeline.process(record, LookupAnswered.class, a -> lookups.onAnswer(record.topic(), a));
    }

    /** Every few seconds: the citizen waits in the chat, so a late apology is nearly as bad as none. */
    @Scheduled(every = "${seva.conversation.lookups.sweep:2s}", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> expire() {
        return lookups.expire().onFailure().invoke(f -> LOG.warnf("Look-up deadlines not checked (the next round tries again): %s", f.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }
}
