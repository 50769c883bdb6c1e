package dev.seva.conversation.service;

import dev.seva.contracts.EventJson;
import dev.seva.contracts.LocalizedText;
import dev.seva.contracts.catalogue.ServiceDefinition;
import dev.seva.conversation.client.CatalogueClient;
import dev.seva.conversation.domain.Facts;
import dev.seva.conversation.domain.Language;
import dev.seva.conversation.domain.Need;
import dev.seva.conversation.persistence.ApplicationRow;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fetches what the journey needs: catalogue answers over REST (service definitions cached for a
 * minute, they change rarely), the citizen's applications from the database. When the catalogue does
 * not answer within its timeout (restarting, overloaded), the last answer it gave to the same question
 * is used (stale if error: menus, searches and definitions change rarely, and a citizen half-way through
 * a journey should not be stopped by a catalogue restart); only a question never answered before gives
 * an "unavailable" fact, never an exception: the citizen gets an apology and can try again, and the
 * message is not stuck in a retry loop.
 */
@ApplicationScoped
public class FactsFetcher {

    private static final Logger LOG = Logger.getLogger(FactsFetcher.class);
    private static final Duration SERVICE_CACHE = Duration.ofSeconds(60);
    private static final int DEPARTMENTS_PER_PAGE = 7;
    private static final int SERVICES_PER_PAGE = 9;

    @Inject
    @RestClient
    CatalogueClient catalogue;

    @Inject
    AadhaarProtection aadhaar;

    /** Answers remembered for "stale if error": bounded, least recently used dropped first. */
    static final int LAST_ANSWERS = 5_000;

    private final Map<String, Cached> services = new ConcurrentHashMap<>();
    private final Map<String, Object> lastAnswers = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(256, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Object> eldest) {
                    return size() > LAST_ANSWERS;
                }
            });

    private record Cached(ServiceDefinition service, long expiresAt) {
    }

    public Uni<Facts> fetch(Facts facts, Need need, Language language, String citizenRef) {
        if (need instanceof Need.Protect p) {
            // From the vault, never remembered (the text may hold a number in clear); its failures are the record
            // pipeline's to retry (vault unavailable) or dead-letter (refused), not the catalogue's "try again".
            return aadhaar.protect(p.text(), citizenRef).map(kept -> facts.with(need, kept));
        }
        String lang = language.code();
        Uni<?> value;
        if (need instanceof Need.Departments d) {
            value = catalogue.departments(lang, d.page(), DEPARTMENTS_PER_PAGE)
                    .map(p -> new Facts.Page(p.page(), p.pages(), p.title(),
                            p.items().stream().map(i -> new Facts.Item(i.id(), i.name(), i.description())).toList()));
        } else if (need instanceof Need.DepartmentServices d) {
            value = catalogue.departmentServices(d.departmentId(), lang, d.page(), SERVICES_PER_PAGE)
                    .map(p -> new Facts.Page(p.page(), p.pages(), p.title(), items(p.items())));
        } else if (need instanceof Need.Search s) {
            value = catalogue.search(s.query(), lang, 8).map(r -> items(r.results()));
        } else if (need instanceof Need.Popular) {
            value = catalogue.popular(lang, 10).map(FactsFetcher::items);
        } else if (need instanceof Need.Service s) {
            value = service(s.serviceId());
        } else {
            value = applications(citizenRef);
        }
        // The citizen's own applications come from our database and are never answered from memory.
        String question = need instanceof Need.Applications ? null : need + "|" + lang;
        return value
                .ifNoItem().after(Duration.ofSeconds(4)).fail()
                .invoke(v -> {
                    if (question != null && v != null) {
                        lastAnswers.put(question, v);
                    }
                })
                .map(v -> facts.with(need, v))
                .onFailure().recoverWithItem(failure -> {
                    if (failure instanceof WebApplicationException w && w.getResponse().getStatus() == 404) {
                        if (question != null) {
                            lastAnswers.remove(question);
                        }
                        return facts.with(need, null);
                    }
                    Object last = question == null ? null : lastAnswers.get(question);
                    if (last != null) {
                        LOG.warnf("Catalogue did not answer %s (%s): using its last answer", need.getClass().getSimpleName(), failure.toString());
                        return facts.with(need, last);
                    }
                    LOG.warnf("Catalogue did not answer %s: %s", need.getClass().getSimpleName(), failure.toString());
                    return facts.unavailable(need);
                });
    }

    private Uni<ServiceDefinition> service(String id) {
        Cached cached = services.get(id);
        if (cached != null && cached.expiresAt() > System.nanoTime()) {
            return Uni.createFrom().item(cached.service());
        }
        return catalogue.service(id).invoke(s -> services.put(id, new Cached(s, System.nanoTime() + SERVICE_CACHE.toNanos())));
    }

    private static Uni<List<Facts.ApplicationInfo>> applications(String citizenRef) {
        return ApplicationRow.<ApplicationRow>find("citizenRef = ?1 order by submittedAt desc", citizenRef).page(0, 10).list()
                .map(rows -> rows.stream().map(r -> new Facts.ApplicationInfo(r.reference, text(r.serviceName), r.status, r.submittedAt, r.slaDays)).toList());
    }

    private static List<Facts.Item> items(List<CatalogueClient.ServiceSummary> summaries) {
        return summaries.stream().map(s -> new Facts.Item(s.id(), s.shortName(), s.description())).toList();
    }

    static LocalizedText text(String json) {
        try {
            return json == null ? null : EventJson.mapper().readValue(json, LocalizedText.class);
        } catch (Exception e) {
            throw new IllegalStateException("Unreadable stored text", e);
        }
    }
}
