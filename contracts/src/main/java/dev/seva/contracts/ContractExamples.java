package dev.seva.contracts;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The example events shipped with the contracts ({@code contracts/examples/<folder>/<name>.json}).
 * Consumer tests parse them to prove they understand what producers send. Folders are topic names;
 * department envelopes are under {@code dept.applications.v1} and {@code dept.outcomes.v1}.
 */
public final class ContractExamples {

    private ContractExamples() {
    }

    public static JsonNode load(String folder, String name) {
        String resource = "contracts/examples/" + folder + "/" + name + ".json";
        try (InputStream in = ContractExamples.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("No contract example " + resource);
            }
            return EventJson.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static <T> T load(String folder, String name, Class<T> type) {
        try {
            return EventJson.mapper().treeToValue(load(folder, name), type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
