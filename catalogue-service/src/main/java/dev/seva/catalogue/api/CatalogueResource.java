package dev.seva.catalogue.api;

import dev.seva.catalogue.api.Views.DepartmentSummary;
import dev.seva.catalogue.api.Views.Page;
import dev.seva.catalogue.api.Views.SearchResponse;
import dev.seva.catalogue.api.Views.SearchResult;
import dev.seva.catalogue.api.Views.ServiceSummary;
import dev.seva.catalogue.domain.CatalogueException;
import dev.seva.catalogue.search.SearchHit;
import dev.seva.catalogue.service.CatalogueView;
import dev.seva.contracts.catalogue.ServiceDefinition;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import java.util.List;

/** Public, read-only catalogue: search, browse by department, one service's definition. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class CatalogueResource {

    @Inject
    CatalogueView view;

    @GET
    @Path("services/search")
    @Operation(summary = "Services matching what a citizen typed (English, Telugu, Hindi, Latin-script Telugu/Hindi, typos), best first")
    public SearchResponse search(@RestQuery String q, @RestQuery String lang, @RestQuery String limit) {
        String language = QueryParams.language(lang);
        int max = QueryParams.between("limit", limit, 10, 1, 50);
        if (q == null || q.isBlank()) {
            throw QueryParams.invalid("q", "is required");
        }
        if (q.length() > 500) {
            throw QueryParams.invalid("q", "must be at most 500 characters");
        }
        List<SearchResult> results = view.index().search(q, max).stream().map(hit -> result(hit, language)).toList();
        return new SearchResponse(q, language, results);
    }

    @GET
    @Path("services/popular")
    @Operation(summary = "Services marked popular, for the main menu")
    public List<ServiceSummary> popular(@RestQuery String lang, @RestQuery String limit) {
        String language = QueryParams.language(lang);
        int max = QueryParams.between("limit", limit, 10, 1, 50);
        return view.popular().stream().limit(max).map(s -> ServiceSummary.of(s, language)).toList();
    }

    @GET
    @Path("services/{id}")
    @Operation(summary = "The full current definition of an active service (the catalogue.services.v1 shape)")
    public ServiceDefinition service(@RestPath String id) {
        return view.service(id).orElseThrow(() -> new CatalogueException.NotFound(id));
    }

    @GET
    @Path("departments")
    @Operation(summary = "Departments, a page of at most 10 (one WhatsApp list)")
    public Page<DepartmentSummary> departments(@RestQuery String lang, @RestQuery String page, @RestQuery String size) {
        String language = QueryParams.language(lang);
        int p = QueryParams.between("page", page, 1, 1, 10_000);
        int s = QueryParams.between("size", size, 10, 1, 10);
        List<DepartmentSummary> all = view.departments().stream()
                .map(d -> DepartmentSummary.of(d, language, view.servicesOf(d.id()).size())).toList();
        return Page.of(all, p, s, null);
    }

    @GET
    @Path("departments/{id}/services")
    @Operation(summary = "A department's active services, a page of at most 10")
    public Page<ServiceSummary> departmentServices(@RestPath String id, @RestQuery String lang, @RestQuery String page,
                                                   @RestQuery String size) {
        String language = QueryParams.language(lang);
        int p = QueryParams.between("page", page, 1, 1, 10_000);
        int s = QueryParams.between("size", size, 10, 1, 10);
        var department = view.department(id).orElseThrow(() -> new CatalogueException.UnknownDepartment(id));
        return Page.of(view.servicesOf(id).stream().map(svc -> ServiceSummary.of(svc, language)).toList(), p, s,
                department.names().in(language));
    }

    private static SearchResult result(SearchHit hit, String lang) {
        ServiceDefinition s = hit.service();
        return new SearchResult(s.id(), s.departmentId(), s.names().in(lang), s.shortNames().in(lang), s.descriptions().in(lang),
                s.deliveryMode().wireName(), hit.score());
    }
}
