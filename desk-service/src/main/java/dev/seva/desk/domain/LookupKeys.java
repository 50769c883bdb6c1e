package dev.seva.desk.domain;

import dev.seva.contracts.LocalizedText;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How the desk finds the answer to each look-up service it answers from its own data: which of the citizen's
 * answers is the key (the assessment number, the hall ticket number...), which one narrows it (the
 * municipality) or must agree with it (a vehicle's chassis, a licence holder's date of birth), and what the
 * citizen is told when nothing has that key, naming what to check. The patterns are the catalogue's
 * (catalogue-service's {@code catalogue/v1/*.yaml}), checked again on the normalised value: what arrives on
 * the topic was typed by a citizen and only sealed since.
 */
public final class LookupKeys {

    public enum Kind { DUES, RECORD }

    /** One service's key. {@code areaField} and {@code checkField} are null when the service asks neither. */
    public record Spec(String serviceId, Kind kind, String keyField, Pattern keyPattern, boolean vehicleLike,
                       String areaField, String checkField, Pattern checkPattern,
                       LocalizedText holderLabel, LocalizedText notFound, LocalizedText nothingDue) {
    }

    /** What to look for: the normalised key, and the area and check value when the service has them. */
    public record Query(Spec spec, String key, String area, String check) {
    }

    /** A value the citizen gave that cannot be a key of the service (the catalogue's pattern refuses it). */
    public static final class InvalidValue extends RuntimeException {
        public InvalidValue(String field) {
            super("field " + field + " is not a valid value for the look-up");
        }
    }

    private static final Pattern TEN_DIGITS = Pattern.compile("^[0-9]{10}$");
    private static final Pattern VEHICLE = Pattern.compile("^[A-Z]{2}[0-9]{1,2}[A-Z]{0,3}[0-9]{1,4}$");
    private static final Pattern ISO_DATE = Pattern.compile("^[0-9]{4}-[0-9]{2}-[0-9]{2}$");
    private static final Pattern AREA = Pattern.compile("^[\\p{L}\\p{M} .'-]{2,60}$");

    private static final LocalizedText OWNER = new LocalizedText("Owner", "యజమాని", "स्वामी");
    private static final LocalizedText CONSUMER = new LocalizedText("Consumer", "వినియోగదారు", "उपभोक्ता");

    private static final LocalizedText PROPERTY_NOT_FOUND = new LocalizedText(
            "No property has this assessment number in this municipality. Please check the number on your last tax receipt.",
            "ఈ మున్సిపాలిటీలో ఈ అసెస్మెంట్ నంబర్‌తో ఆస్తి లేదు. మీ చివరి పన్ను రసీదుపై ఉన్న నంబర్ చూడండి.",
            "इस नगरपालिका में इस निर्धारण संख्या की कोई संपत्ति नहीं है। कृपया अपनी पिछली कर रसीद पर लिखी संख्या देखें।");
    private static final LocalizedText PROPERTY_NOTHING_DUE = new LocalizedText(
            "Nothing is due on this property.", "ఈ ఆస్తిపై బకాయి లేదు.", "इस संपत्ति पर कुछ बकाया नहीं है।");

    private static final Map<String, Spec> SPECS = Map.ofEntries(
            dues("mun-property-tax-payment", "assessmentNumber", TEN_DIGITS, false, "municipality", null, null, OWNER,
                    PROPERTY_NOT_FOUND, PROPERTY_NOTHING_DUE),
            dues("mun-vacant-land-tax", "assessmentNumber", TEN_DIGITS, false, "municipality", null, null, OWNER,
                    PROPERTY_NOT_FOUND, PROPERTY_NOTHING_DUE),
            dues("mun-water-charges-payment", "connectionNumber", Pattern.compile("^[0-9]{5,12}$"), false, "municipality", null, null, OWNER,
                    new LocalizedText("No water connection has this number in this municipality. Please check the connection number on your last water bill.",
                            "ఈ మున్సిపాలిటీలో ఈ నంబర్‌తో నీటి కనెక్షన్ లేదు. మీ చివరి నీటి బిల్లుపై ఉన్న కనెక్షన్ నంబర్ చూడండి.",
                            "इस नगरपालिका में इस संख्या का कोई पानी कनेक्शन नहीं है। कृपया अपने पिछले पानी के बिल पर कनेक्शन संख्या देखें।"),
                    new LocalizedText("Nothing is due on this connection.", "ఈ కనెక్షన్‌పై బకాయి లేదు.", "इस कनेक्शन पर कुछ बकाया नहीं है।")),
            dues("enr-bill-payment", "serviceNumber", Pattern.compile("^[0-9]{6,16}$"), false, null, null, null, CONSUMER,
                    new LocalizedText("No electricity service has this number. Please check the service (USC) number printed on your last bill.",
                            "ఈ నంబర్‌తో కరెంటు సర్వీస్ లేదు. మీ చివరి బిల్లుపై ముద్రించిన సర్వీస్ (USC) నంబర్ చూడండి.",
                            "इस संख्या की कोई बिजली सर्विस नहीं है। कृपया अपने पिछले बिल पर छपा सर्विस (यूएससी) नंबर देखें।"),
                    new LocalizedText("Nothing is due on this electricity service.", "ఈ కరెంటు సర్వీస్‌పై బకాయి లేదు.",
                            "इस बिजली सर्विस पर कुछ बकाया नहीं है।")),
            dues("pol-traffic-echallan", "vehicleNumber", VEHICLE, true, null, null, null, OWNER,
                    new LocalizedText("No challan was found for this vehicle number. Please check the number on your registration certificate (RC).",
                            "ఈ వాహన నంబర్‌పై చలాన్ ఏదీ కనబడలేదు. మీ రిజిస్ట్రేషన్ సర్టిఫికెట్ (RC) పై ఉన్న నంబర్ చూడండి.",
                            "इस वाहन संख्या पर कोई चालान नहीं मिला। कृपया अपने पंजीकरण प्रमाणपत्र (आरसी) पर लिखी संख्या देखें।"),
                    new LocalizedText("No challan is pending on this vehicle.", "ఈ వాహనంపై పెండింగ్ చలాన్ లేదు.",
                            "इस वाहन पर कोई चालान बकाया नहीं है।")),
            dues("trn-road-tax-payment", "vehicleNumber", VEHICLE, true, null, "chassisLastDigits", Pattern.compile("^[A-Z0-9]{5}$"), OWNER,
                    new LocalizedText("No vehicle has this registration number with these last 5 chassis characters. Please check both on your registration certificate (RC).",
                            "ఈ రిజిస్ట్రేషన్ నంబర్, ఛాసిస్ చివరి 5 అక్షరాలతో వాహనం లేదు. మీ రిజిస్ట్రేషన్ సర్టిఫికెట్ (RC) పై రెండూ చూడండి.",
                            "इस पंजीकरण संख्या और चेसिस के अंतिम 5 अक्षरों वाला कोई वाहन नहीं है। कृपया अपने पंजीकरण प्रमाणपत्र (आरसी) पर दोनों देखें।"),
                    new LocalizedText("No road tax is due on this vehicle.", "ఈ వాహనంపై రోడ్డు పన్ను బకాయి లేదు.",
                            "इस वाहन पर कोई रोड टैक्स बकाया नहीं है।")),
            record("edu-ssc-results", "hallTicketNumber", TEN_DIGITS, false, null, null,
                    new LocalizedText("No SSC result has this hall ticket number. Please check the 10-digit number on your hall ticket.",
                            "ఈ హాల్ టికెట్ నంబర్‌తో పదో తరగతి ఫలితం లేదు. మీ హాల్ టికెట్‌పై ఉన్న 10 అంకెల నంబర్ చూడండి.",
                            "इस हॉल टिकट नंबर का कोई दसवीं का परिणाम नहीं है। कृपया अपने हॉल टिकट पर 10 अंकों का नंबर देखें।")),
            record("edu-inter-results", "hallTicketNumber", TEN_DIGITS, false, null, null,
                    new LocalizedText("No Intermediate result has this hall ticket number. Please check the 10-digit number on your hall ticket.",
                            "ఈ హాల్ టికెట్ నంబర్‌తో ఇంటర్మీడియట్ ఫలితం లేదు. మీ హాల్ టికెట్‌పై ఉన్న 10 అంకెల నంబర్ చూడండి.",
                            "इस हॉल टिकट नंबर का कोई इंटरमीडिएट परिणाम नहीं है। कृपया अपने हॉल टिकट पर 10 अंकों का नंबर देखें।")),
            record("civ-rice-card-status", "applicationNumber", Pattern.compile("^[A-Z0-9/-]{6,25}$"), false, null, null,
                    new LocalizedText("No rice card application has this number. Please check the application number on your acknowledgement slip.",
                            "ఈ నంబర్‌తో రైస్ కార్డు దరఖాస్తు లేదు. మీ రసీదు (అక్నాలెడ్జ్‌మెంట్) పై ఉన్న దరఖాస్తు నంబర్ చూడండి.",
                            "इस संख्या का कोई राइस कार्ड आवेदन नहीं है। कृपया अपनी पावती पर आवेदन संख्या देखें।")),
            record("civ-ration-entitlement", "riceCardNumber", Pattern.compile("^[A-Z0-9]{8,15}$"), false, null, null,
                    new LocalizedText("No rice card has this number. Please check the number printed on your rice card.",
                            "ఈ నంబర్‌తో రైస్ కార్డు లేదు. మీ రైస్ కార్డుపై ముద్రించిన నంబర్ చూడండి.",
                            "इस संख्या का कोई राइस कार्ड नहीं है। कृपया अपने राइस कार्ड पर छपी संख्या देखें।")),
            record("pol-fir-status", "firNumber", Pattern.compile("^[0-9]{1,5}/[0-9]{4}$"), false, null, null,
                    new LocalizedText("No FIR has this number. Please check the FIR number and year on your copy of the FIR.",
                            "ఈ నంబర్‌తో ఎఫ్ఐఆర్ లేదు. మీ ఎఫ్ఐఆర్ ప్రతిపై ఉన్న నంబర్, సంవత్సరం చూడండి.",
                            "इस संख्या की कोई एफआईआर नहीं है। कृपया अपनी एफआईआर की प्रति पर संख्या और वर्ष देखें।")),
            record("trn-dl-details", "licenceNumber", Pattern.compile("^[A-Z]{2}[0-9]{2}[0-9]{4}[0-9]{7}$"), true, "dateOfBirth", ISO_DATE,
                    new LocalizedText("No driving licence has this number with this date of birth. Please check both on your licence.",
                            "ఈ నంబర్, పుట్టిన తేదీతో డ్రైవింగ్ లైసెన్స్ లేదు. మీ లైసెన్స్‌పై రెండూ చూడండి.",
                            "इस संख्या और जन्म तिथि का कोई ड्राइविंग लाइसेंस नहीं है। कृपया अपने लाइसेंस पर दोनों देखें।")),
            record("trn-vehicle-registration-details", "vehicleNumber", VEHICLE, true, null, null,
                    new LocalizedText("No vehicle has this registration number. Please check the number on your registration certificate (RC).",
                            "ఈ రిజిస్ట్రేషన్ నంబర్‌తో వాహనం లేదు. మీ రిజిస్ట్రేషన్ సర్టిఫికెట్ (RC) పై నంబర్ చూడండి.",
                            "इस पंजीकरण संख्या का कोई वाहन नहीं है। कृपया अपने पंजीकरण प्रमाणपत्र (आरसी) पर संख्या देखें।")));

    /** For a service the desk has no data for: the department cannot answer here. */
    public static final LocalizedText UNAVAILABLE = new LocalizedText(
            "The department cannot answer this here yet. Please try again later or visit the office.",
            "ఈ సమాచారం ఇక్కడ ఇంకా అందుబాటులో లేదు. తర్వాత ప్రయత్నించండి లేదా కార్యాలయాన్ని సంప్రదించండి.",
            "विभाग अभी यहाँ इसका उत्तर नहीं दे सकता। कृपया बाद में कोशिश करें या कार्यालय जाएँ।");

    private LookupKeys() {
    }

    public static Optional<Spec> spec(String serviceId) {
        return Optional.ofNullable(SPECS.get(serviceId));
    }

    /**
     * The query for the citizen's answers (opened, as text): the key normalised (trimmed, upper case, without
     * spaces; vehicle and licence numbers without hyphens too), the area trimmed, the check value normalised
     * like the key. Throws {@link InvalidValue} naming the field (never the value) when one is missing or
     * does not pass the catalogue's pattern.
     */
    public static Query query(Spec spec, Map<String, String> answers) {
        String key = normaliseKey(answers.get(spec.keyField()), spec.vehicleLike());
        if (key == null || !spec.keyPattern().matcher(key).matches()) {
            throw new InvalidValue(spec.keyField());
        }
        String area = null;
        if (spec.areaField() != null) {
            String given = answers.get(spec.areaField());
            area = given == null ? null : given.strip().replaceAll("\\s+", " ");
            if (area == null || !AREA.matcher(area).matches()) {
                throw new InvalidValue(spec.areaField());
            }
        }
        String check = null;
        if (spec.checkField() != null) {
            check = normaliseKey(answers.get(spec.checkField()), false);
            if (check == null || !spec.checkPattern().matcher(check).matches()) {
                throw new InvalidValue(spec.checkField());
            }
        }
        return new Query(spec, key, area, check);
    }

    /** Trimmed, upper case, without white space; for vehicle-like numbers without hyphens as well. Null stays null. */
    public static String normaliseKey(String value, boolean vehicleLike) {
        if (value == null) {
            return null;
        }
        String out = value.strip().toUpperCase(Locale.ROOT).replaceAll("\\s+", "");
        return vehicleLike ? out.replace("-", "") : out;
    }

    private static Map.Entry<String, Spec> dues(String id, String keyField, Pattern pattern, boolean vehicleLike, String areaField,
                                                String checkField, Pattern checkPattern, LocalizedText holder,
                                                LocalizedText notFound, LocalizedText nothingDue) {
        return Map.entry(id, new Spec(id, Kind.DUES, keyField, pattern, vehicleLike, areaField, checkField, checkPattern, holder,
                notFound, nothingDue));
    }

    private static Map.Entry<String, Spec> record(String id, String keyField, Pattern pattern, boolean vehicleLike, String checkField,
                                                  Pattern checkPattern, LocalizedText notFound) {
        return Map.entry(id, new Spec(id, Kind.RECORD, keyField, pattern, vehicleLike, null, checkField, checkPattern, null,
                notFound, null));
    }
}
