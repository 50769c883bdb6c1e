package dev.seva.catalogue.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.seva.contracts.EventJson;
import dev.seva.contracts.LocalizedText;
import dev.seva.contracts.catalogue.ServiceDefinition;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Small operations on definitions: copies with a new version, JSON form, content hash. */
final class Definitions {

    private Definitions() {
    }

    static ServiceDefinition with(ServiceDefinition s, String id, int version, String departmentId, LocalizedText departmentName) {
        return new ServiceDefinition(id, version, departmentId, departmentName, s.names(), s.shortNames(), s.descriptions(),
                s.keywords(), s.deliveryMode(), s.fields(), s.feeRupees(), s.slaDays(), s.documentType(), s.supportingDocuments(),
                s.information(), s.externalUrl(), s.popular(), s.feeRefundable(), s.lookup());
    }

    static String json(Object value) {
        try {
            return EventJson.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static ServiceDefinition parse(String json) {
        try {
            return EventJson.mapper().readValue(json, ServiceDefinition.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored definition is not readable", e);
        }
    }

    static LocalizedText parseText(String json) {
        if (json == null) {
            return null;
        }
        try {
            return EventJson.mapper().readValue(json, LocalizedText.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored text is not readable", e);
        }
    }

    /** Hash of what the data file says, independent of the version the database gave it. */
    static String contentHash(ServiceDefinition s) {
        String content = json(with(s, s.id(), 1, s.departmentId(), s.departmentName()));
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
