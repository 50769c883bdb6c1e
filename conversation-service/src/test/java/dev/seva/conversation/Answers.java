package dev.seva.conversation;

import dev.seva.contracts.EventJson;
import dev.seva.contracts.catalogue.FieldDefinition;
import dev.seva.contracts.catalogue.ServiceDefinition;
import dev.seva.contracts.whatsapp.SendMessage;
import dev.seva.privacy.aadhaar.Verhoeff;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.regex.Pattern;

/** A citizen who answers every field of a service correctly, whatever the catalogue asks. */
final class Answers {

    static final String AADHAAR = "49912345678" + Verhoeff.checkDigit("49912345678");
    private static final List<String> REFERENCE_CANDIDATES = List.of("AP16AB1234", "AP39CD5678", "1234567890", "123456789012", "12345678",
            "123456", "ABC1234567", "A1234567", "TS09EA1234", "2026000123", "SEVA-REV-2026-000123", "28123456789", "1234", "ABCDE1234F");

    private Answers() {
    }

    static ServiceDefinition definition(String catalogueUrl, String serviceId) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(catalogueUrl + "/services/" + serviceId)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return EventJson.mapper().readValue(response.body(), ServiceDefinition.class);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Answers the field; returns the replies to the answer (the next question, or the summary). */
    static List<SendMessage> answer(Chat.Citizen citizen, FieldDefinition field) {
        FieldDefinition.Validation rules = field.validation();
        return switch (field.type()) {
            case NAME -> citizen.says("Lakshmi Devi", 1);
            // As the gateway delivers it: the number replaced by its vault token before Kafka.
            case AADHAAR -> citizen.says(FakeVault.instance().gatewayForm(AADHAAR), 1);
            case MOBILE -> citizen.says("9876543210", 1);
            case PINCODE -> citizen.says("520010", 1);
            case EMAIL -> citizen.says("lakshmi@example.com", 1);
            case DATE -> citizen.says(date(rules), 1);
            case NUMBER -> citizen.says(number(rules), 1);
            case CHOICE -> citizen.taps("opt:" + field.options().get(0).id(), field.options().get(0).labels().en(), 1);
            case ADDRESS, LOCATION -> citizen.sharesLocation(1);
            case MEDIA -> citizen.sendsDocument(1);
            case REFERENCE, TEXT -> citizen.says(text(rules), 1);
        };
    }

    private static String date(FieldDefinition.Validation rules) {
        LocalDate date = rules != null && Boolean.TRUE.equals(rules.futureOnly()) ? LocalDate.now().plusDays(30) : LocalDate.of(1990, 8, 15);
        return DateTimeFormatter.ofPattern("dd-MM-yyyy").format(date);
    }

    private static String number(FieldDefinition.Validation rules) {
        double value = 84000;
        if (rules != null && rules.max() != null && value > rules.max()) {
            value = rules.max();
        }
        if (rules != null && rules.min() != null && value < rules.min()) {
            value = rules.min();
        }
        return Long.toString((long) value);
    }

    private static String text(FieldDefinition.Validation rules) {
        int min = rules != null && rules.minLength() != null ? rules.minLength() : 1;
        int max = rules != null && rules.maxLength() != null ? rules.maxLength() : 1000;
        if (rules != null && rules.pattern() != null) {
            Pattern pattern = Pattern.compile(rules.pattern());
            for (String candidate : REFERENCE_CANDIDATES) {
                if (pattern.matcher(candidate).matches() && candidate.length() >= min && candidate.length() <= max) {
                    return candidate;
                }
            }
            throw new IllegalStateException("No sample answer matches " + rules.pattern());
        }
        String text = "Street light not working near the school gate";
        return text.length() > max ? text.substring(0, max) : text.length() < min ? text + " ".repeat(min - text.length()) + "." : text;
    }
}
