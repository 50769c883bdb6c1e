package dev.seva.contracts.catalogue;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.seva.contracts.LocalizedText;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

/** One government service as the catalogue defines it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ServiceDefinition(
        String id,
        int version,
        String departmentId,
        LocalizedText departmentName,
        LocalizedText names,
        LocalizedText shortNames,
        LocalizedText descriptions,
        List<String> keywords,
        DeliveryMode deliveryMode,
        List<FieldDefinition> fields,
        BigDecimal feeRupees,
        int slaDays,
        String documentType,
        List<LocalizedText> supportingDocuments,
        LocalizedText information,
        String externalUrl,
        Boolean popular,
        Boolean feeRefundable,
        Lookup lookup) {

    /** Without a look-up (the form before look-ups existed). */
    public ServiceDefinition(String id, int version, String departmentId, LocalizedText departmentName, LocalizedText names,
                             LocalizedText shortNames, LocalizedText descriptions, List<String> keywords, DeliveryMode deliveryMode,
                             List<FieldDefinition> fields, BigDecimal feeRupees, int slaDays, String documentType,
                             List<LocalizedText> supportingDocuments, LocalizedText information, String externalUrl, Boolean popular,
                             Boolean feeRefundable) {
        this(id, version, departmentId, departmentName, names, shortNames, descriptions, keywords, deliveryMode, fields, feeRupees, slaDays,
                documentType, supportingDocuments, information, externalUrl, popular, feeRefundable, null);
    }

    /** A service whose fee, if any, is not refunded. */
    public ServiceDefinition(String id, int version, String departmentId, LocalizedText departmentName, LocalizedText names,
                             LocalizedText shortNames, LocalizedText descriptions, List<String> keywords, DeliveryMode deliveryMode,
                             List<FieldDefinition> fields, BigDecimal feeRupees, int slaDays, String documentType,
                             List<LocalizedText> supportingDocuments, LocalizedText information, String externalUrl, Boolean popular) {
        this(id, version, departmentId, departmentName, names, shortNames, descriptions, keywords, deliveryMode, fields, feeRupees, slaDays,
                documentType, supportingDocuments, information, externalUrl, popular, null, null);
    }

    /** Whether a fee paid is refunded when the application is rejected or withdrawn (the department's rule). */
    public boolean refundsFee() {
        return Boolean.TRUE.equals(feeRefundable);
    }

    /** Whether the service is answered at once by the department's system (its look-up), and how. */
    public boolean looksUp() {
        return lookup != null;
    }

    /**
     * A service the department's system answers in the chat within seconds, from the citizen's answers to its questions
     * ({@code dept.<d>.lookups.v1} and {@code dept.<d>.answers.v1}), instead of an application that waits for an officer.
     */
    public enum Lookup {
        /** A bill, tax or challan: the amount due is looked up, shown, and paid in the chat. */
        DUES,
        /** A result, a status or details: the answer is shown. */
        RECORD;

        @JsonValue
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonCreator
        public static Lookup fromWire(String value) {
            return valueOf(value.toUpperCase(Locale.ROOT));
        }
    }

    public enum DeliveryMode {
        /** The answer is information given in the chat. */
        INFORMATION,
        /** An application the department decides; an approval may end in a document. */
        APPLICATION,
        /** A payment (bill, tax, fee). */
        PAYMENT,
        /** Done on another official site; the chat gives the link. */
        EXTERNAL_LINK;

        @JsonValue
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonCreator
        public static DeliveryMode fromWire(String value) {
            return valueOf(value.toUpperCase(Locale.ROOT));
        }
    }
}
