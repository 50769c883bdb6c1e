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

    /**
     * The examples' sealed values ({@code sealed:v1:...}) are sealed for the example citizen
     * ({@code cit_7QbX2mK9pL4sT8vW1yZ3}) with a key of 32 zero bytes under this id, so that a consumer's
     * test can open them (privacy's {@code new CitizenKey(citizenRef, EXAMPLE_KEY_ID, new byte[32])}).
     */
    public static final String EXAMPLE_KEY_ID = "key_ExampleOnly0000000000";
    public static final String EXAMPLE_CITIZEN_REF = "cit_7QbX2mK9pL4sT8vW1yZ3";

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
