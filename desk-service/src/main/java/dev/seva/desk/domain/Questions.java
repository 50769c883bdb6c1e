package dev.seva.desk.domain;

import java.util.List;
import java.util.Optional;

/**
 * Questions officers ask most, written once in the three languages citizens read, so that the citizen
 * gets the question in their own language. A question the officer writes is sent as written (the form
 * shows the citizen's language).
 */
public final class Questions {

    public record Prepared(String id, String answerType, String en, String te, String hi) {
    }

    public static final List<Prepared> PREPARED = List.of(
            new Prepared("photo", "media", "Please send a recent passport-size photo of the applicant.",
                    "దయచేసి దరఖాస్తుదారుని ఇటీవలి పాస్‌పోర్ట్ సైజు ఫోటో పంపండి.",
                    "कृपया आवेदक की हाल की पासपोर्ट आकार की फ़ोटो भेजें।"),
            new Prepared("address-proof", "media", "Please send a photo or PDF of a proof of address (ration card, electricity bill or Aadhaar letter).",
                    "దయచేసి చిరునామా రుజువు (రేషన్ కార్డు, విద్యుత్ బిల్లు లేదా ఆధార్ లేఖ) ఫోటో లేదా PDF పంపండి.",
                    "कृपया पते के प्रमाण (राशन कार्ड, बिजली बिल या आधार पत्र) की फ़ोटो या PDF भेजें।"),
            new Prepared("institution-letter", "media", "Please send a photo of the letter or ID card from your school or college.",
                    "దయచేసి మీ పాఠశాల లేదా కళాశాల లేఖ లేదా గుర్తింపు కార్డు ఫోటో పంపండి.",
                    "कृपया अपने स्कूल या कॉलेज के पत्र या पहचान पत्र की फ़ोटो भेजें।"),
            new Prepared("clearer-copy", "media", "The document you sent cannot be read. Please send a clearer photo of it.",
                    "మీరు పంపిన పత్రం చదవడానికి వీలుగా లేదు. దయచేసి స్పష్టమైన ఫోటో పంపండి.",
                    "आपका भेजा दस्तावेज़ पढ़ा नहीं जा सकता। कृपया उसकी साफ़ फ़ोटो भेजें।"));

    private Questions() {
    }

    public static Optional<Prepared> prepared(String id) {
        return PREPARED.stream().filter(p -> p.id().equals(id)).findFirst();
    }
}
