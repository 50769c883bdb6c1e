package dev.seva.catalogue.domain;

import dev.seva.contracts.LocalizedText;
import dev.seva.contracts.catalogue.FieldDefinition;
import dev.seva.contracts.catalogue.FieldPatterns;
import dev.seva.contracts.catalogue.ServiceDefinition;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a service definition must satisfy beyond its JSON Schema: real translations in the right
 * script, unique field and option ids, validation rules that make sense, a document type the
 * document-service can render.
 */
public final class DefinitionRules {

    /** Certificates document-service has templates for. */
    public static final Set<String> DOCUMENT_TYPES = Set.of("income_certificate", "caste_certificate", "residence_certificate",
            "ews_certificate", "birth_certificate", "death_certificate", "trade_licence", "property_tax_receipt", "bus_pass",
            "family_member_certificate", "no_earning_member_certificate", "general_certificate");

    private DefinitionRules() {
    }

    public static List<FieldError> check(ServiceDefinition service) {
        List<FieldError> errors = new ArrayList<>();
        scripts("names", service.names(), errors);
        scripts("shortNames", service.shortNames(), errors);
        scripts("descriptions", service.descriptions(), errors);
        scripts("departmentName", service.departmentName(), errors);
        scripts("information", service.information(), errors);
        if (service.supportingDocuments() != null) {
            for (int i = 0; i < service.supportingDocuments().size(); i++) {
                scripts("supportingDocuments[" + i + "]", service.supportingDocuments().get(i), errors);
            }
        }
        if (service.documentType() != null) {
            if (service.deliveryMode() != ServiceDefinition.DeliveryMode.APPLICATION) {
                errors.add(new FieldError("documentType", "only application services end in a document"));
            } else if (!DOCUMENT_TYPES.contains(service.documentType())) {
                errors.add(new FieldError("documentType", "no certificate template '" + service.documentType() + "'; one of " + DOCUMENT_TYPES));
            }
        }
        if (service.deliveryMode() == ServiceDefinition.DeliveryMode.APPLICATION && (service.fields() == null || service.fields().isEmpty())) {
            errors.add(new FieldError("fields", "an application asks at least one question"));
        }
        if (service.lookup() != null) {
            if (service.fields() == null || service.fields().isEmpty()) {
                errors.add(new FieldError("lookup", "a look-up asks at least one question (what the department looks up)"));
            }
            if (service.lookup() == ServiceDefinition.Lookup.DUES && service.deliveryMode() != ServiceDefinition.DeliveryMode.PAYMENT) {
                errors.add(new FieldError("lookup", "only payment services look up an amount due"));
            }
            if (service.documentType() != null) {
                errors.add(new FieldError("lookup", "a look-up is answered in the chat, it ends in no document"));
            }
        }
        fields(service.fields(), errors);
        return errors;
    }

    private static void fields(List<FieldDefinition> fields, List<FieldError> errors) {
        if (fields == null) {
            return;
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < fields.size(); i++) {
            FieldDefinition field = fields.get(i);
            String at = "fields[" + i + "]";
            if (field.id() != null && !ids.add(field.id())) {
                errors.add(new FieldError(at + ".id", "'" + field.id() + "' is used twice"));
            }
            scripts(at + ".prompts", field.prompts(), errors);
            FieldDefinition.Validation v = field.validation();
            if (v != null) {
                if (v.pattern() != null) {
                    try {
                        FieldPatterns.compile(v.pattern());
                    } catch (FieldPatterns.InvalidPattern e) {
                        errors.add(new FieldError(at + ".validation.pattern", e.getMessage()));
                    }
                }
                if (v.minLength() != null && v.maxLength() != null && v.minLength() > v.maxLength()) {
                    errors.add(new FieldError(at + ".validation", "minLength is larger than maxLength"));
                }
                if (v.min() != null && v.max() != null && v.min() > v.max()) {
                    errors.add(new FieldError(at + ".validation", "min is larger than max"));
                }
                if (Boolean.TRUE.equals(v.pastOnly()) && Boolean.TRUE.equals(v.futureOnly())) {
                    errors.add(new FieldError(at + ".validation", "a date cannot be both past-only and future-only"));
                }
            }
            if (field.options() != null) {
                if (field.type() != FieldDefinition.FieldType.CHOICE) {
                    errors.add(new FieldError(at + ".options", "only a choice field has options"));
                }
                Set<String> optionIds = new HashSet<>();
                for (int o = 0; o < field.options().size(); o++) {
                    FieldDefinition.Option option = field.options().get(o);
                    if (!optionIds.add(option.id())) {
                        errors.add(new FieldError(at + ".options[" + o + "].id", "'" + option.id() + "' is used twice"));
                    }
                    scripts(at + ".options[" + o + "].labels", option.labels(), errors);
                    if (option.labels() != null) {
                        for (String lang : List.of("en", "te", "hi")) {
                            String label = option.labels().in(lang);
                            if (label != null && label.length() > 24) {
                                errors.add(new FieldError(at + ".options[" + o + "].labels." + lang, "longer than a WhatsApp list row (24)"));
                            }
                        }
                    }
                }
            }
        }
    }

    private static void scripts(String field, LocalizedText text, List<FieldError> errors) {
        if (text == null) {
            return;
        }
        if (text.te() != null && !Scripts.isTelugu(text.te())) {
            errors.add(new FieldError(field + ".te", "is not written in Telugu script"));
        }
        if (text.hi() != null && !Scripts.isDevanagari(text.hi())) {
            errors.add(new FieldError(field + ".hi", "is not written in Devanagari"));
        }
    }
}
