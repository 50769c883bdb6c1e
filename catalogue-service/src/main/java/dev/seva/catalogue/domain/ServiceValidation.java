package dev.seva.catalogue.domain;

import dev.seva.contracts.ContractValidator;
import dev.seva.contracts.ContractViolation;
import dev.seva.contracts.EventIds;
import dev.seva.contracts.EventJson;
import dev.seva.contracts.Topics;
import dev.seva.contracts.catalogue.CatalogueServicePublished;
import dev.seva.contracts.catalogue.ServiceDefinition;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Everything wrong with a service definition: its contract ({@code catalogue.services.v1}, the JSON
 * Schema every consumer relies on) and the {@link DefinitionRules}. Field paths are written the way
 * an officer reads them: {@code fields[2].prompts.te}.
 */
public final class ServiceValidation {

    private static final Pattern INDEX = Pattern.compile("/(\\d+)");

    private ServiceValidation() {
    }

    public static List<FieldError> validate(ServiceDefinition service) {
        CatalogueServicePublished event = new CatalogueServicePublished(EventIds.random(), CatalogueServicePublished.EVENT_TYPE,
                Instant.now(), service);
        LinkedHashSet<FieldError> errors = new LinkedHashSet<>();
        for (ContractViolation violation : ContractValidator.instance().validate(Topics.CATALOGUE_SERVICES,
                EventJson.mapper().<com.fasterxml.jackson.databind.JsonNode>valueToTree(event))) {
            errors.add(new FieldError(readable(violation.field()), plain(violation)));
        }
        errors.addAll(DefinitionRules.check(service));
        return new ArrayList<>(errors);
    }

    /** {@code /service/fields/2/prompts/te} → {@code fields[2].prompts.te}. */
    static String readable(String pointer) {
        String path = pointer.startsWith("/service") ? pointer.substring("/service".length()) : pointer;
        Matcher m = INDEX.matcher(path);
        path = m.replaceAll("[$1]");
        path = path.replace('/', '.');
        return path.startsWith(".") ? path.substring(1) : path.isEmpty() ? "(definition)" : path;
    }

    private static String plain(ContractViolation violation) {
        String message = violation.message();
        // networknt prefixes the JSON Pointer; the readable path is already in FieldError.field.
        int colon = message.indexOf(": ");
        return colon > 0 && message.startsWith("/") ? message.substring(colon + 2) : message;
    }
}
