package dev.seva.catalogue.service;

import dev.seva.catalogue.domain.Department;
import dev.seva.catalogue.search.ServiceSearchIndex;
import dev.seva.contracts.catalogue.ServiceDefinition;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What citizens browse and search: the departments and the active services, in memory. Built from
 * the database at start-up, then kept current from {@code catalogue.services.v1} (so every instance
 * sees every instance's changes). Applies a definition only when it is newer than the one it has, and
 * never one of a retired service: a retirement is final (an id is never created twice), and the topic
 * can deliver an older version of a service after this instance has already retired it.
 */
@ApplicationScoped
public class CatalogueView {

    private final ServiceSearchIndex index = new ServiceSearchIndex();
    private final Map<String, ServiceDefinition> active = new ConcurrentHashMap<>();
    private final Set<String> retired = ConcurrentHashMap.newKeySet();
    private final List<Department> departments = new CopyOnWriteArrayList<>();
    private volatile boolean ready;

    public synchronized void load(List<Department> departmentsInOrder, List<ServiceDefinition> activeServices, Set<String> retiredServiceIds) {
        departments.clear();
        departments.addAll(departmentsInOrder);
        retired.clear();
        retired.addAll(retiredServiceIds);
        active.clear();
        activeServices.forEach(s -> active.put(s.id(), s));
        index.replaceAll(activeServices);
        ready = true;
    }

    public boolean ready() {
        return ready;
    }

    /** A created or updated definition; ignored if this view already has the same or a newer version, or the service is retired. */
    public synchronized void apply(ServiceDefinition service) {
        if (retired.contains(service.id())) {
            return;
        }
        ServiceDefinition current = active.get(service.id());
        if (current != null && current.version() >= service.version()) {
            return;
        }
        active.put(service.id(), service);
        index.upsert(service);
    }

    public synchronized void retire(String serviceId) {
        retired.add(serviceId);
        active.remove(serviceId);
        index.remove(serviceId);
    }

    public ServiceSearchIndex index() {
        return index;
    }

    public List<Department> departments() {
        return List.copyOf(departments);
    }

    public Optional<Department> department(String id) {
        return departments.stream().filter(d -> d.id().equals(id)).findFirst();
    }

    public Optional<ServiceDefinition> service(String id) {
        return Optional.ofNullable(active.get(id));
    }

    /** The department's active services, ordered by English name. */
    public List<ServiceDefinition> servicesOf(String departmentId) {
        return active.values().stream().filter(s -> s.departmentId().equals(departmentId))
                .sorted(Comparator.comparing(s -> s.names().en())).toList();
    }

    /** Services marked popular, in department order. */
    public List<ServiceDefinition> popular() {
        List<String> order = departments.stream().map(Department::id).toList();
        return active.values().stream().filter(s -> Boolean.TRUE.equals(s.popular()))
                .sorted(Comparator.<ServiceDefinition>comparingInt(s -> order.indexOf(s.departmentId())).thenComparing(s -> s.names().en()))
                .toList();
    }

    public int activeCount() {
        return active.size();
    }
}
