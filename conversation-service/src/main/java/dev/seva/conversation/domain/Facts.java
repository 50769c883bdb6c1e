package dev.seva.conversation.domain;

import dev.seva.contracts.LocalizedText;
import dev.seva.contracts.catalogue.ServiceDefinition;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What has been fetched for a step. A fact may be "unavailable" (the catalogue did not answer), which
 * the journey turns into an apology rather than a wrong answer.
 */
public final class Facts {

    public record Item(String id, String title, String description) {
    }

    /** A page of a list (departments or services), as the catalogue pages them (at most 10 items); title names the list. */
    public record Page(int page, int pages, String title, List<Item> items) {
    }

    /** One of the citizen's applications. */
    public record ApplicationInfo(String reference, LocalizedText serviceName, String status, Instant submittedAt, int slaDays) {
    }

    /** A text as it may be kept (see {@link Need.Protect}) and the Aadhaar tokens kept in it, all bound to the citizen. */
    public record Protected(String text, List<Answer.AadhaarRef> tokens) {
    }

    private static final Object UNAVAILABLE = new Object();
    private final Map<Need, Object> known = new HashMap<>();

    public static Facts none() {
        return new Facts();
    }

    public Facts with(Need need, Object value) {
        known.put(need, value == null ? UNAVAILABLE : value);
        return this;
    }

    public Facts unavailable(Need need) {
        known.put(need, UNAVAILABLE);
        return this;
    }

    public boolean has(Need need) {
        return known.containsKey(need);
    }

    public boolean isUnavailable(Need need) {
        return known.get(need) == UNAVAILABLE;
    }

    public Page page(Need need) {
        return (Page) known.get(need);
    }

    @SuppressWarnings("unchecked")
    public List<Item> items(Need need) {
        return (List<Item>) known.get(need);
    }

    /** The service, or empty when it does not exist (retired) or the catalogue is unavailable. */
    public Optional<ServiceDefinition> service(Need.Service need) {
        Object value = known.get(need);
        return value instanceof ServiceDefinition s ? Optional.of(s) : Optional.empty();
    }

    /** The protected text, or null when it has not been fetched. */
    public Protected protectedText(String text) {
        Object value = known.get(new Need.Protect(text));
        return value instanceof Protected p ? p : null;
    }

    @SuppressWarnings("unchecked")
    public List<ApplicationInfo> applications() {
        return (List<ApplicationInfo>) known.get(new Need.Applications());
    }
}
