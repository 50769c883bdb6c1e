package dev.seva.e2e;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Applying for a service on the simulator, from "hi" to the reference number; most of all for an APSRTC student
 * bus pass: APSRTC works in the desk, so the application waits there until an officer (or a test publishing as
 * the department) decides it.
 */
final class BusPass {

    static final String SERVICE = "rtc-student-bus-pass";
    static final String DOCUMENT_TYPE = "bus_pass";
    static final String PLAIN_INSTITUTION = "Government Junior College, Vijayawada";
    static final Pattern REFERENCE = Pattern.compile("SEVA-[A-Z]+-\\d{4}-\\d{6}");

    private BusPass() {
    }

    /** A bus pass, answering every field the catalogue defines; {@code institution} typed as given. */
    static String applyFor(Platform platform, Citizen citizen, String institution) {
        return apply(platform, citizen, "en", "student bus pass", SERVICE,
                Map.of("institution", institution, "fromPlace", "Benz Circle", "toPlace", "Governorpet"));
    }

    /**
     * Onboarded in {@code language}, searching {@code query}, then the service applied for: each field answered
     * with {@code typed}'s text for its id, or as {@link Fields} answers it. Returns the reference number.
     */
    static String apply(Platform platform, Citizen citizen, String language, String query, String serviceId, Map<String, String> typed) {
        citizen.say(language, query);
        JsonNode definition = Citizen.get(platform.url("catalogue-service") + "/services/" + serviceId);
        citizen.chooses("svc:" + serviceId);
        citizen.receives(Citizen.offering("apply"), "the service's details");
        citizen.taps("apply");
        JsonNode fields = definition.path("fields");
        for (int i = 0; i < fields.size(); i++) {
            JsonNode question = citizen.receives(m -> Citizen.text(m).contains("(") || !Citizen.choices(m).isEmpty(), "question " + (i + 1));
            if (i > 0 && Citizen.text(question).contains("Aadhaar number here")) {
                // An Aadhaar number in the previous free-text answer was refused ("please do not write an Aadhaar
                // number here"): answered again without it, as the citizen is asked to.
                System.out.printf("%s: the answer with an Aadhaar number was refused; answered again without it%n", citizen.waId);
                Fields.answer(citizen, fields.get(i - 1));
                citizen.receives(m -> Citizen.text(m).contains("(") || !Citizen.choices(m).isEmpty(), "question " + (i + 1) + " after the retype");
            }
            JsonNode field = fields.get(i);
            String text = typed.get(field.path("id").asText());
            if (text != null) {
                citizen.says(text);
            } else {
                Fields.answer(citizen, field);
            }
        }
        citizen.receives(Citizen.offering("confirm"), "the summary");
        citizen.taps("confirm");
        JsonNode confirmation = citizen.receives(m -> REFERENCE.matcher(Citizen.text(m)).find(), "the reference number");
        Matcher m = REFERENCE.matcher(Citizen.text(confirmation));
        assertThat(m.find()).isTrue();
        if (definition.path("feeRupees").asDouble() > 0) {
            // A service with a fee reaches its department only once the fee is paid (issue 17).
            citizen.paysFee(m.group());
        }
        return m.group();
    }
}
