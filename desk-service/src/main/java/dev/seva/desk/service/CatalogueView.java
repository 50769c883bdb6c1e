package dev.seva.desk.service;

import dev.seva.contracts.catalogue.ServiceDefinition;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The catalogue as this instance last read it from the compacted {@code catalogue.services.v1}: the
 * services' names (queue filters, page titles), their questions (labels of the citizen's answers) and
 * the document each approval ends in.
 */
@ApplicationScoped
public class CatalogueView {

    private final Map<String, ServiceDefinition> services = new ConcurrentHashMap<>();

    public void put(ServiceDefinition service) {
        services.merge(service.id(), service, (old, neu) -> neu.version() >= old.version() ? neu : old);
    }

    public void remove(String serviceId) {
        services.remove(serviceId);
    }

    public Optional<ServiceDefinition> service(String serviceId) {
        return Optional.ofNullable(services.get(serviceId));
    }

    /** A department's services, by English name. */
    public List<ServiceDefinition> servicesOf(String departmentId) {
        Collection<ServiceDefinition> all = services.values();
        return all.stream().filter(s -> departmentId.equals(s.departmentId()))
                .sorted(Comparator.comparing(s -> s.names().en())).toList();
    }

    public String serviceName(String serviceId, String language) {
        ServiceDefinition s = services.get(serviceId);
        return s == null ? serviceId : s.names().in(language);
    }

    public String departmentName(String departmentId, String language) {
        return services.values().stream().filter(s -> departmentId.equals(s.departmentId()) && s.departmentName() != null)
                .findFirst().map(s -> s.departmentName().in(language)).orElse(departmentId);
    }
}
