package dev.seva.desk.api;

import dev.seva.contracts.catalogue.ServiceDefinition;
import dev.seva.desk.config.DeskConfig;
import dev.seva.desk.domain.ActionRefused;
import dev.seva.desk.domain.ApplicationStatus;
import dev.seva.desk.domain.Officer;
import dev.seva.desk.domain.OfficerAction;
import dev.seva.desk.domain.Questions;
import dev.seva.desk.persistence.ApplicationRow;
import dev.seva.desk.service.Actions;
import dev.seva.desk.service.Applications;
import dev.seva.desk.service.AuditLog;
import dev.seva.desk.service.Calendar;
import dev.seva.desk.service.CatalogueView;
import dev.seva.desk.service.Officers;
import dev.seva.desk.service.Queue;
import dev.seva.desk.web.Texts;
import dev.seva.desk.web.Views;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The officers' web app: plain server-rendered pages (no script), English and Telugu, signed in through
 * Keycloak (authorization code flow with PKCE), forms protected against CSRF (a token in an HttpOnly
 * cookie and in each form). Everything an officer sees or does goes through the same services as the
 * JSON API, and so through the same checks and the same audit log.
 */
@Path("/")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class DeskPages {

    static final String LANGUAGE_COOKIE = "desk_lang";
    static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd-MM-yyyy");
    static final DateTimeFormatter MOMENT = DateTimeFormatter.ofPattern("dd-MM-yyyy HH:mm").withZone(Calendar.INDIA);

    @Inject
    Template home;

    @Inject
    Template queue;

    @Inject
    Template application;

    @Inject
    Template error;

    @Inject
    CurrentOfficer current;

    @Inject
    Queue queries;

    @Inject
    Applications applications;

    @Inject
    Actions actions;

    @Inject
    CatalogueView catalogue;

    @Inject
    Officers officers;

    @Inject
    AuditLog audit;

    @Inject
    DeskConfig config;

    @Context
    HttpHeaders headers;

    @GET
    @Operation(hidden = true)
    public Uni<Response> start(@QueryParam("lang") String lang) {
        Officer officer = current.get();
        Set<String> mine = officer.departments();
        if (mine.size() == 1 && lang == null) {
            return Uni.createFrom().item(Response.seeOther(URI.create("/queue?department=" + mine.iterator().next())).build());
        }
        Texts t = texts(lang);
        List<Views.Option> departments = mine.stream().map(d -> new Views.Option(d, catalogue.departmentName(d, t.language()), false)).toList();
        return officers.seen(officer).map(x -> page(home.data("view", new Views.HomeView(frame(t, officer, null), departments)), lang, 200));
    }

    @GET
    @Path("queue")
    @Operation(hidden = true)
    public Uni<Response> queuePage(@QueryParam("department") String department, @QueryParam("status") String status,
                                   @QueryParam("service") String service, @QueryParam("dueBefore") String dueBefore,
                                   @QueryParam("district") String district, @QueryParam("mandal") String mandal,
                                   @QueryParam("assigned") String assigned, @QueryParam("overdue") String overdue,
                                   @QueryParam("page") Integer page, @QueryParam("lang") String lang) {
        Officer officer = current.get();
        Texts t = texts(lang);
        String dept = ApplicationsApi.department(officer, department);
        String chosenStatus = status == null || !Queue.statuses().contains(status) ? "open" : status;
        LocalDate due = parseDate(dueBefore);
        int p = page == null || page < 1 ? 1 : Math.min(page, 100_000);
        boolean mineOnly = "me".equals(assigned);
        boolean overdueOnly = "true".equals(overdue) || "on".equals(overdue);
        Queue.Filter filter = new Queue.Filter(dept, chosenStatus, ApplicationsApi.blank(service), due, ApplicationsApi.blank(district),
                ApplicationsApi.blank(mandal), mineOnly ? officer.userName() : null, overdueOnly, p, config.pageSize());
        return officers.seen(officer).chain(() -> queries.find(filter))
                .call(result -> audit.record(officer, dept, "view-queue", null, AuditLog.DONE, current.origin(), "page " + p))
                .map(result -> {
                    List<Views.QueueRow> rows = new ArrayList<>();
                    for (ApplicationRow r : result.items()) {
                        rows.add(new Views.QueueRow(r.reference, "/applications/" + r.reference, catalogue.serviceName(r.serviceId, t.language()),
                                t.get("status." + r.status), r.overdue, MOMENT.format(r.submittedAt), DAY.format(r.dueDate),
                                place(r), r.assignedTo == null ? "" : r.assignedTo));
                    }
                    UriBuilder base = UriBuilder.fromPath("/queue").queryParam("department", dept).queryParam("status", chosenStatus);
                    if (filter.serviceId() != null) base.queryParam("service", filter.serviceId());
                    if (due != null) base.queryParam("dueBefore", due.toString());
                    if (filter.district() != null) base.queryParam("district", filter.district());
                    if (filter.mandal() != null) base.queryParam("mandal", filter.mandal());
                    if (mineOnly) base.queryParam("assigned", "me");
                    if (overdueOnly) base.queryParam("overdue", "true");
                    String previous = p > 1 ? base.clone().queryParam("page", p - 1).build().toString() : null;
                    String next = result.hasNext() ? base.clone().queryParam("page", p + 1).build().toString() : null;
                    List<Views.Option> statuses = Queue.statuses().stream().map(s -> new Views.Option(s, t.get("status." + s), s.equals(chosenStatus))).toList();
                    List<Views.Option> services = new ArrayList<>();
                    services.add(new Views.Option("", t.get("queue.any"), filter.serviceId() == null));
                    for (ServiceDefinition s : catalogue.servicesOf(dept)) {
                        services.add(new Views.Option(s.id(), s.names().in(t.language()), s.id().equals(filter.serviceId())));
                    }
                    Views.QueueView view = new Views.QueueView(frame(t, officer, dept), t.format("queue.caption", catalogue.departmentName(dept, t.language())),
                            rows, result.more() ? t.format("queue.total.more", Queue.COUNT_CAP) : t.format("queue.total", result.total()),
                            result.more() ? t.format("queue.page.of.many", p) : t.format2("queue.page", p, result.pages()), previous, next, statuses, services,
                            due == null ? "" : due.toString(), filter.district() == null ? "" : filter.district(),
                            filter.mandal() == null ? "" : filter.mandal(), mineOnly, overdueOnly);
                    return page(queue.data("view", view), lang, 200);
                });
    }

    @GET
    @Path("applications/{reference}")
    @Operation(hidden = true)
    public Uni<Response> applicationPage(@PathParam("reference") String reference, @QueryParam("done") String done,
                                         @QueryParam("lang") String lang) {
        Texts t = texts(lang);
        String message = done == null ? null : t.format("action.done", t.get("action." + done.replaceAll("[^a-z]", "")));
        return render(reference, t, message, null, 200, lang);
    }

    @POST
    @Path("applications/{reference}/actions")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Uni<Response> act(@PathParam("reference") String reference, MultivaluedMap<String, String> form) {
        Officer officer = current.get();
        Texts t = texts(null);
        OfficerAction action;
        Integer version;
        try {
            action = formAction(form);
            version = form.getFirst("version") == null ? null : Integer.valueOf(form.getFirst("version"));
        } catch (ActionRefused e) {
            return render(reference, t, null, e.message(t.language()), 400, null);
        } catch (NumberFormatException e) {
            return render(reference, t, null, "version", 400, null);
        }
        return actions.act(officer, reference, action, version, current.origin())
                .map(result -> Response.seeOther(URI.create("/applications/" + reference + "?done=" + action.name())).build())
                .onFailure(ActionRefused.class).recoverWithUni(f -> {
                    ActionRefused refused = (ActionRefused) f;
                    return render(reference, t, null, refused.message(t.language()), refused.kind() == ActionRefused.Kind.INVALID ? 400 : 409, null);
                });
    }

    @GET
    @Path("applications/{reference}/attachments/{mediaId}")
    @Produces(MediaType.WILDCARD)
    @Operation(hidden = true)
    public Uni<Response> attachment(@PathParam("reference") String reference, @PathParam("mediaId") String mediaId) {
        Officer officer = current.get();
        return applications.attachment(officer, reference, mediaId, current.origin())
                .map(media -> Response.ok(media.bytes(), safeType(media.mimeType()))
                        .header("Content-Disposition", "inline")
                        .header("X-Content-Type-Options", "nosniff")
                        .header("Content-Security-Policy", "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'")
                        .header("Cache-Control", "private, no-store").build());
    }

    private Uni<Response> render(String reference, Texts t, String message, String errorText, int status, String lang) {
        Officer officer = current.get();
        return applications.view(officer, reference, t.language(), current.origin()).chain(d -> {
            ApplicationRow r = d.row();
            ApplicationStatus shown = d.status();
            boolean open = shown.isOpen();
            Uni<Map<String, String>> prefill = open ? applications.certificatePrefill(d).onFailure().recoverWithItem(Map.of())
                    : Uni.createFrom().item(Map.of());
            return prefill.chain(data -> applications.certificateLabels(r).chain(labels -> officers.of(r.departmentId).map(known -> {
                List<Views.Labelled> answers = d.answers().stream().map(a -> new Views.Labelled(a.label(), a.value())).toList();
                List<Views.Attachment> files = d.attachments().stream().map(a -> new Views.Attachment(
                        (a.filename() == null ? a.fieldId() : a.filename()) + " (" + a.mimeType() + ")",
                        "/applications/" + r.reference + "/attachments/" + a.mediaId(), a.mimeType() != null && a.mimeType().startsWith("image/"))).toList();
                List<Views.HistoryLine> history = new ArrayList<>();
                for (Applications.Entry h : d.history()) {
                    history.add(new Views.HistoryLine(MOMENT.format(h.at()), h.actor(), h.kind(), historyText(h.detail())));
                }
                String pending = d.pendingQuestion() == null ? null : d.pendingQuestion().path("text").path("en").asText(null);
                List<Views.Option> questions = new ArrayList<>();
                for (Questions.Prepared q : Questions.PREPARED) {
                    questions.add(new Views.Option(q.id(), "te".equals(t.language()) ? q.te() : q.en(), false));
                }
                List<Views.CertificateField> certificate = new ArrayList<>();
                data.forEach((key, value) -> certificate.add(new Views.CertificateField(key, labels.getOrDefault(key, key), value)));
                List<Views.Option> officerOptions = known.stream()
                        .map(o -> new Views.Option(o.userName, o.displayName + " (" + o.userName + ")", o.userName.equals(r.assignedTo))).toList();
                String closedNote = shown == ApplicationStatus.ERASED ? t.get("app.erased")
                        : shown == ApplicationStatus.WITHDRAWN ? t.get("app.withdrawn") : null;
                Views.ApplicationView view = new Views.ApplicationView(frame(t, officer, r.departmentId), r.reference,
                        "/applications/" + r.reference + "/actions", catalogue.serviceName(r.serviceId, t.language()),
                        t.get("status." + shown.wireName()), open, closedNote, r.overdue, MOMENT.format(r.submittedAt), DAY.format(r.dueDate),
                        t.languageName(r.language), r.assignedTo, answers, files, history, pending, questions, t.languageName(r.language),
                        open && shown != ApplicationStatus.AWAITING_CITIZEN, shown == ApplicationStatus.NEW,
                        certificate, officerOptions, r.version, message, errorText);
                return page(application.data("view", view), lang, status);
            })));
        });
    }

    static OfficerAction formAction(MultivaluedMap<String, String> form) {
        String action = form.getFirst("action");
        if ("ask".equals(action)) {
            String own = form.getFirst("ownQuestion");
            String prepared = form.getFirst("question");
            return own != null && !own.isBlank() ? new OfficerAction.Ask(own, form.getFirst("answerType"))
                    : new OfficerAction.Ask(prepared, null);
        }
        if ("approve".equals(action)) {
            Map<String, String> fields = new LinkedHashMap<>();
            form.forEach((k, v) -> {
                if (k.startsWith("f.") && !v.isEmpty()) {
                    fields.put(k.substring(2), v.get(0));
                }
            });
            return new OfficerAction.Approve(fields);
        }
        return new ActionRequest(action, null, null, form.getFirst("reason"), null, form.getFirst("officer"), form.getFirst("note"), null)
                .toAction();
    }

    private static String historyText(com.fasterxml.jackson.databind.JsonNode json) {
        if (json == null || !json.isObject()) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        json.fields().forEachRemaining(e -> {
            if (!e.getKey().equals("questionId")) {
                parts.add(e.getKey() + ": " + (e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString()));
            }
        });
        return String.join("; ", parts);
    }

    private static String place(ApplicationRow r) {
        if (r.district == null && r.mandal == null) {
            return "";
        }
        return r.mandal == null ? r.district : r.district == null ? r.mandal : r.mandal + ", " + r.district;
    }

    private static String safeType(String mime) {
        return mime != null && mime.matches("^(image/(jpeg|png|webp)|application/pdf)$") ? mime : MediaType.APPLICATION_OCTET_STREAM;
    }

    private static LocalDate parseDate(String value) {
        try {
            return value == null || value.isBlank() ? null : LocalDate.parse(value.strip());
        } catch (RuntimeException e) {
            return null;
        }
    }

    Views.Frame frame(Texts t, Officer officer, String department) {
        return new Views.Frame(t, officer.displayName(), department, department == null ? null : catalogue.departmentName(department, t.language()),
                officer.isAuditor(), "?lang=" + t.other());
    }

    Texts texts(String lang) {
        return Texts.of(lang != null ? lang : language(headers));
    }

    /** The page with the language cookie set when the officer switched language, and the pages' security headers. */
    static Response page(TemplateInstance page, String lang, int status) {
        Response.ResponseBuilder response = Response.status(status).entity(page.render()).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"));
        if (lang != null && Texts.LANGUAGES.contains(lang)) {
            response.cookie(new NewCookie.Builder(LANGUAGE_COOKIE).value(lang).path("/").maxAge(365 * 24 * 3600).httpOnly(true)
                    .sameSite(NewCookie.SameSite.LAX).build());
        }
        return secured(response).build();
    }

    static Response.ResponseBuilder secured(Response.ResponseBuilder response) {
        return response.header("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'none'; "
                        + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "same-origin")
                .header("Cache-Control", "no-store");
    }

    /** The officer's language: the cookie they chose, else their browser's, else English. */
    public static String language(HttpHeaders headers) {
        Cookie cookie = headers.getCookies().get(LANGUAGE_COOKIE);
        if (cookie != null && Texts.LANGUAGES.contains(cookie.getValue())) {
            return cookie.getValue();
        }
        for (Locale locale : headers.getAcceptableLanguages()) {
            if ("te".equals(locale.getLanguage())) {
                return "te";
            }
            if ("en".equals(locale.getLanguage())) {
                return "en";
            }
        }
        return "en";
    }

    static String text(HttpHeaders headers, String key) {
        return Texts.of(language(headers)).get(key);
    }

    /** A readable error page (used by {@link DeskProblems} for requests that asked for HTML). */
    static Response errorPage(int status, String message, HttpHeaders headers) {
        Texts t = Texts.of(language(headers));
        String html = io.quarkus.qute.Qute.fmt("""
                <!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
                <title>{title}</title><link rel="stylesheet" href="/desk/desk.css"></head><body><main id="main" class="error">
                <h1>{title}</h1><p role="alert">{message}</p><p><a href="/">{back}</a></p></main></body></html>""")
                .data("lang", t.language()).data("title", t.get("error.title")).data("message", message).data("back", t.get("error.back"))
                .contentType("text/html").render();
        return secured(Response.status(status).entity(html).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))).build();
    }
}
