package dev.seva.conversation.service;

import dev.seva.contracts.Topics;
import dev.seva.contracts.department.ApplicationOutcomeDecided;
import dev.seva.contracts.documents.DocumentIssued;
import dev.seva.conversation.persistence.ApplicationRow;
import dev.seva.conversation.service.DepartmentUpdates.Unprocessable;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Whether an outcome may be believed, before anything of it reaches the citizen. The department is the
 * topic's ({@code dept.<d>.outcomes.v1}: only department {@code <d>} can write it), never the body's. An
 * outcome counts only for an application of that department, for the service the application is for,
 * and (when it promises a document) for that service's document type; anything else is one department
 * deciding for another, and goes to the dead-letter topic ({@link Unprocessable}) with the reason.
 * The application's department, service and document type never change after submission, so a plain
 * read is enough; {@link DepartmentUpdates} then locks the row to apply the outcome.
 */
@ApplicationScoped
public class OutcomeOrigin {

    public Uni<Void> requireFromItsDepartment(String topic, ApplicationOutcomeDecided o) {
        String department = Topics.parseDepartmentTopic(topic).map(Topics.DepartmentTopic::departmentId)
                .orElseThrow(() -> new Unprocessable("cross-department: " + topic + " is not a department topic"));
        if (!department.equals(o.departmentId())) {
            throw new Unprocessable("cross-department: departmentId " + o.departmentId() + " on the topic of " + department);
        }
        return Panache.withSession(() -> ApplicationRow.<ApplicationRow>findById(o.applicationRef())).invoke(app -> {
            if (app == null) {
                throw new Unprocessable("unknown application " + o.applicationRef());
            }
            check(department, o, app);
        }).replaceWithVoid();
    }

    /**
     * A document is delivered only for an application of the department that issued it and of the
     * application's document type (or the receipt of its paid fee): document-service signs nothing else, and this keeps
     * it so if it ever did.
     */
    public Uni<Void> requireForItsApplication(DocumentIssued d) {
        return Panache.withSession(() -> ApplicationRow.<ApplicationRow>findById(d.applicationRef())).invoke(app -> {
            if (app == null) {
                throw new Unprocessable("unknown application " + d.applicationRef());
            }
            if (!app.departmentId.equals(d.departmentId())) {
                throw new Unprocessable("cross-department: document of " + d.departmentId() + " for application " + app.reference
                        + " of " + app.departmentId);
            }
            if (DepartmentUpdates.RECEIPT.equals(d.documentType())) {
                // The receipt of the application's fee: only for an application whose fee was paid.
                if (app.receiptNumber == null) {
                    throw new Unprocessable("receipt for application " + app.reference + " whose fee is not paid");
                }
                return;
            }
            if (!d.documentType().equals(app.documentType)) {
                throw new Unprocessable("cross-service: document type " + d.documentType() + " is not the one of service "
                        + app.serviceId + " (" + app.documentType + ")");
            }
        }).replaceWithVoid();
    }

    static void check(String department, ApplicationOutcomeDecided o, ApplicationRow app) {
        if (!department.equals(app.departmentId)) {
            throw new Unprocessable("cross-department: application " + app.reference + " belongs to " + app.departmentId
                    + ", the outcome came from " + department);
        }
        if (o.serviceId() != null && !o.serviceId().equals(app.serviceId)) {
            throw new Unprocessable("cross-service: outcome for service " + o.serviceId() + ", application " + app.reference
                    + " is for " + app.serviceId);
        }
        if (o.document() != null && !o.document().type().equals(app.documentType)) {
            throw new Unprocessable("cross-service: document type " + o.document().type() + " is not the one of service "
                    + app.serviceId + " (" + app.documentType + ")");
        }
    }
}
