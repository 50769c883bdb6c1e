package dev.seva.conversation.client;

import dev.seva.contracts.catalogue.ServiceDefinition;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import java.util.List;

/** catalogue-service's public read API (see catalogue-service/README.md). */
@RegisterRestClient(configKey = "catalogue")
@Path("/")
public interface CatalogueClient {

    record ServiceSummary(String id, String departmentId, String name, String shortName, String description, String deliveryMode) {
    }

    record DepartmentSummary(String id, String name, String description, int services) {
    }

    record SearchResponse(String query, String lang, List<ServiceSummary> results) {
    }

    record Page<T>(int page, int size, int total, int pages, String title, List<T> items) {
    }

    @GET
    @Path("services/search")
    Uni<SearchResponse> search(@RestQuery String q, @RestQuery String lang, @RestQuery int limit);

    @GET
    @Path("services/popular")
    Uni<List<ServiceSummary>> popular(@RestQuery String lang, @RestQuery int limit);

    @GET
    @Path("services/{id}")
    Uni<ServiceDefinition> service(@RestPath String id);

    @GET
    @Path("departments")
    Uni<Page<DepartmentSummary>> departments(@RestQuery String lang, @RestQuery int page, @RestQuery int size);

    @GET
    @Path("departments/{id}/services")
    Uni<Page<ServiceSummary>> departmentServices(@RestPath String id, @RestQuery String lang, @RestQuery int page, @RestQuery int size);
}
