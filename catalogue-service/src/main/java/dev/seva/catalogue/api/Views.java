package dev.seva.catalogue.api;

import dev.seva.catalogue.domain.Department;
import dev.seva.contracts.catalogue.ServiceDefinition;

import java.math.BigDecimal;
import java.util.List;

/** What the read API answers, in the language asked for. */
public final class Views {

    private Views() {
    }

    /** A service in a list: enough for a WhatsApp list row (title ≤ 24 is shortName) and a decision to open it. */
    public record ServiceSummary(String id, String departmentId, String name, String shortName, String description,
                                 String deliveryMode, BigDecimal feeRupees, int slaDays, boolean popular) {

        static ServiceSummary of(ServiceDefinition s, String lang) {
            return new ServiceSummary(s.id(), s.departmentId(), s.names().in(lang), s.shortNames().in(lang),
                    s.descriptions().in(lang), s.deliveryMode().wireName(), s.feeRupees(), s.slaDays(), Boolean.TRUE.equals(s.popular()));
        }
    }

    public record SearchResult(String id, String departmentId, String name, String shortName, String description,
                               String deliveryMode, float score) {
    }

    public record SearchResponse(String query, String lang, List<SearchResult> results) {
    }

    public record DepartmentSummary(String id, String name, String description, int services) {

        static DepartmentSummary of(Department d, String lang, int services) {
            return new DepartmentSummary(d.id(), d.names().in(lang), d.descriptions() == null ? null : d.descriptions().in(lang), services);
        }
    }

    /** A page of a list; pages hold at most 10 items, the rows of one WhatsApp list. {@code title} names the list. */
    public record Page<T>(int page, int size, int total, int pages, String title, List<T> items) {

        static <T> Page<T> of(List<T> all, int page, int size, String title) {
            int pages = Math.max(1, (all.size() + size - 1) / size);
            int from = Math.min(all.size(), (page - 1) * size);
            int to = Math.min(all.size(), from + size);
            return new Page<>(page, size, all.size(), pages, title, all.subList(from, to));
        }
    }
}
