package dev.seva.desk.api;

import dev.seva.desk.domain.ActionRefused;
import dev.seva.desk.domain.Officer;
import dev.seva.desk.persistence.AuditRow;
import dev.seva.desk.persistence.ThreadRow;
import dev.seva.desk.service.AccessDenied;
import dev.seva.desk.service.AuditLog;
import dev.seva.desk.service.CatalogueView;
import dev.seva.desk.service.Json;
import dev.seva.desk.service.Threads;
import dev.seva.desk.web.Texts;
import dev.seva.desk.web.Views;
import io.quarkus.qute.Template;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Handover conversations, as pages; the JSON forms of the same for tools are {@link ThreadsApi}. */
@Path("/threads")
@Authenticated
public class ThreadPages {

    public record ThreadSummary(UUID threadId, String departmentId, String reason, String language, String serviceId, String applicationRef,
                                String status, Instant openedAt, Instant lastMessageAt) {
        static ThreadSummary of(ThreadRow t) {
            return new ThreadSummary(t.threadId, t.departmentId, t.reason, t.language, t.serviceId, t.applicationRef, t.status, t.openedAt,
                    t.lastMessageAt);
        }
    }

    public record Reply(String text) {
    }

    @Inject
    Template threads;

    @Inject
    Template thread;

    @Inject
    Template auditlog;

    @Inject
    CurrentOfficer current;

    @Inject
    Threads service;

    @Inject
    AuditLog audit;

    @Inject
    CatalogueView catalogue;

    @Inject
    DeskPages pages;

    @Context
    HttpHeaders headers;

    @GET
        @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Uni<Response> list(@QueryParam("department") String department, @QueryParam("lang") String lang) {
        Officer officer = current.get();
        Texts t = pages.texts(lang);
        String dept = department(officer, department);
        return service.open(dept).map(rows -> {
            List<Views.ThreadRowView> list = rows.stream().map(r -> new Views.ThreadRowView("/threads/" + r.threadId,
                    DeskPages.MOMENT.format(r.openedAt), t.get("reason." + r.reason), DeskPages.MOMENT.format(r.lastMessageAt),
                    r.serviceId == null ? "" : catalogue.serviceName(r.serviceId, t.language()))).toList();
            return DeskPages.page(threads.data("view", new Views.ThreadsView(pages.frame(t, officer, dept),
                    t.format("threads.caption", deskName(dept, t)), list)), lang, 200);
        });
    }

    @GET
    @Path("{id}")
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Uni<Response> one(@PathParam("id") UUID id, @QueryParam("lang") String lang) {
        return render(id, pages.texts(lang), null, 200, lang);
    }

    @POST
    @Path("{id}/replies")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Uni<Response> reply(@PathParam("id") UUID id, @FormParam("text") String text) {
        Texts t = pages.texts(null);
        return service.reply(current.get(), id, text, current.origin())
                .map(x -> Response.seeOther(URI.create("/threads/" + id)).build())
                .onFailure(ActionRefused.class).recoverWithUni(f -> render(id, t, ((ActionRefused) f).message(t.language()), 409, null));
    }

    @POST
    @Path("{id}/closing")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Uni<Response> close(@PathParam("id") UUID id) {
        Texts t = pages.texts(null);
        return service.close(current.get(), id, current.origin())
                .map(x -> Response.seeOther(URI.create("/threads/" + id)).build())
                .onFailure(ActionRefused.class).recoverWithUni(f -> render(id, t, ((ActionRefused) f).message(t.language()), 409, null));
    }

    private Uni<Response> render(UUID id, Texts t, String error, int status, String lang) {
        Officer officer = current.get();
        return service.thread(officer, id, current.origin()).chain(th -> service.conversation(th).map(conversation -> {
            List<Views.MessageView> list = new ArrayList<>();
            for (Threads.Message m : conversation.messages()) {
                boolean citizen = "citizen".equals(m.author());
                list.add(new Views.MessageView(citizen ? t.get("thread.citizen") : m.author(), citizen, DeskPages.MOMENT.format(m.at()),
                        m.text() == null ? "" : m.text(), m.media() == null ? null : Json.tree(m.media()).path("mimeType").asText("file")));
            }
            // Erased in the vault before the desk's own erasure came: shown closed, with why.
            String shownError = error == null && conversation.erased() && th.citizenRef != null ? t.get("thread.erased") : error;
            return DeskPages.page(thread.data("view", new Views.ThreadView(pages.frame(t, officer, th.departmentId), id.toString(),
                    "/threads/" + id + "/replies", "/threads/" + id + "/closing",
                    ThreadRow.OPEN.equals(th.status) && th.citizenRef != null && !conversation.erased(),
                    t.get("reason." + th.reason), t.languageName(th.language), list, shownError)), lang, status);
        }));
    }

    private String deskName(String dept, Texts t) {
        return "helpdesk".equals(dept) ? ("te".equals(t.language()) ? "సహాయ కేంద్రం" : "Help desk") : catalogue.departmentName(dept, t.language());
    }

    private static String department(Officer officer, String asked) {
        return ApplicationsApi.department(officer, asked);
    }
}
