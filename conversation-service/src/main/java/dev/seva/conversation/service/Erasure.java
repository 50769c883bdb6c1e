package dev.seva.conversation.service;

import dev.seva.contracts.EventIds;
import dev.seva.contracts.Topics;
import dev.seva.contracts.citizen.CitizenErasureRequested;
import dev.seva.conversation.domain.Language;
import dev.seva.conversation.domain.Messages;
import dev.seva.conversation.domain.Reply;
import dev.seva.conversation.persistence.ApplicationRow;
import dev.seva.conversation.persistence.CitizenRow;
import dev.seva.conversation.persistence.SessionRow;
import dev.seva.outbox.Outbox;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * "Delete my data" (DPDP Act, right to erasure): every row about the citizen goes, in one transaction
 * with the {@code citizen.erasure.v1} event that tells every other service and department to do the
 * same, and the goodbye message. The outbox rows are deleted once relayed. vault-service is told at
 * once: the citizen's key and Aadhaar numbers are destroyed, so whatever was sealed with the key, wherever
 * it was copied, is unreadable.
 */
@ApplicationScoped
public class Erasure {

    private static final Logger LOG = Logger.getLogger(Erasure.class);

    @Inject
    Outbox outbox;

    @Inject
    OutboundMessages outbound;

    @Inject
    Payments payments;

    @Inject
    VaultAccess vault;

    Clock clock = Clock.systemUTC();

    public Uni<Void> erase(CitizenRow citizen, UUID inReplyTo) {
        OutboundMessages.Recipient recipient = OutboundMessages.Recipient.of(citizen);
        String citizenRef = citizen.citizenRef;
        return withdrawOpenApplications(citizen)
                // The vault destroys the citizen's Aadhaar numbers and key now (it also does on citizen.erasure.v1):
                // should this transaction then fail, the next message finds the key gone and starts afresh.
                .chain(() -> vault.erase(citizenRef))
                .chain(() -> deleteAndTell(citizenRef))
                .chain(() -> outbound.send(recipient, List.of(new Reply.Text(Messages.text(recipient.language(), "erase.done.text"))), inReplyTo, null))
                .invoke(() -> LOG.infof("Citizen %s erased on request", citizenRef));
    }

    /**
     * The vault no longer has the citizen's key (erased there): their rows, unreadable now, go the same way,
     * departments and services are told as in an erasure, and nothing is said (the caller starts afresh).
     */
    public Uni<Void> erasedInVault(CitizenRow citizen) {
        vault.forget(citizen.citizenRef);
        return withdrawOpenApplications(citizen).chain(() -> deleteAndTell(citizen.citizenRef));
    }

    private Uni<Void> deleteAndTell(String citizenRef) {
        CitizenErasureRequested event = new CitizenErasureRequested(EventIds.random(), CitizenErasureRequested.EVENT_TYPE, Instant.now(clock),
                citizenRef, CitizenErasureRequested.Reason.CITIZEN_REQUEST);
        return ApplicationRow.delete("citizenRef", citizenRef)
                .chain(() -> dev.seva.conversation.persistence.LookupRow.delete("citizenRef", citizenRef))
                .chain(() -> SessionRow.delete("citizenRef", citizenRef))
                .chain(() -> CitizenRow.delete("citizenRef", citizenRef))
                .chain(() -> outbox.append(Topics.CITIZEN_ERASURE, citizenRef, event));
    }

    /**
     * Open applications are withdrawn on their departments' own topics before the rows go: a department's
     * system reads its applications topic, not necessarily {@code citizen.erasure.v1}, and must stop
     * working an application whose citizen is gone (the desk then refuses any action on it).
     */
    private Uni<Void> withdrawOpenApplications(CitizenRow citizen) {
        return ApplicationRow.<ApplicationRow>list("citizenRef = ?1 and status in ?2", citizen.citizenRef,
                List.of(ApplicationRow.SUBMITTED, ApplicationRow.ACCEPTED, ApplicationRow.MORE_INFORMATION_NEEDED,
                        ApplicationRow.AWAITING_PAYMENT)).chain(open -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (ApplicationRow app : open) {
                if (ApplicationRow.AWAITING_PAYMENT.equals(app.status)) {
                    // Never sent to its department: only its open order is withdrawn.
                    chain = chain.chain(() -> payments.withdrawForErasure(citizen, app));
                    continue;
                }
                dev.seva.contracts.department.ApplicationEvent withdrawn = new dev.seva.contracts.department.ApplicationEvent(
                        EventIds.random(), dev.seva.contracts.department.ApplicationEvent.WITHDRAWN, Instant.now(clock), app.departmentId,
                        app.reference, app.serviceId, null, citizen.citizenRef, citizen.language, null, null, null, null);
                chain = chain.chain(() -> outbox.append(Topics.departmentApplications(app.departmentId), citizen.citizenRef, withdrawn));
            }
            return chain;
        });
    }
}
