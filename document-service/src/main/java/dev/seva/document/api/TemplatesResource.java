package dev.seva.document.api;

import dev.seva.document.domain.CertificateTemplate;
import dev.seva.document.service.CertificateFactory;
import dev.seva.web.Problem;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.List;

/**
 * What a certificate template prints and requires, for whoever prepares an approval (the department
 * desk prefills its approval form from it, so that an approval carries every required value). Holds
 * no personal data: the shape of a document type, as the shipped template files say.
 */
@Path("/templates")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class TemplatesResource {

    public record Label(String en, String te) {
    }

    public record Field(String key, Label label) {
    }

    public record TemplateShape(String type, Label title, List<String> required, String holder, List<Field> fields, boolean listAllData) {
    }

    @Inject
    CertificateFactory factory;

    @GET
    @Path("/{type}")
    @Operation(summary = "A document type's certificate template: the data it requires and the fields it prints")
    public Response template(@PathParam("type") String type) {
        if (type == null || !type.matches("^[a-z][a-z0-9_]{0,63}$") || !factory.templates().has(type)) {
            return Problem.response(404, "template-not-found", "No template for this document type",
                    "document-service prints the general certificate for a type without a template of its own.");
        }
        CertificateTemplate t = factory.templates().template(type);
        List<Field> fields = t.fields().stream().map(f -> new Field(f.key(), new Label(f.label().en(), f.label().te()))).toList();
        return Response.ok(new TemplateShape(t.type(), new Label(t.title().en(), t.title().te()), t.required(), t.holder(), fields,
                t.listAllData())).build();
    }
}
