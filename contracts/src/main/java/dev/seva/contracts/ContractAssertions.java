package dev.seva.contracts;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.stream.Collectors;

/**
 * For tests in any module: assert that what was produced matches its topic's contract.
 * Throws {@link AssertionError}, so it works with any test framework.
 */
public final class ContractAssertions {

    private ContractAssertions() {
    }

    public static void assertConforms(String topic, String json) {
        report(topic, ContractValidator.instance().validate(topic, json));
    }

    public static void assertConforms(String topic, JsonNode event) {
        report(topic, ContractValidator.instance().validate(topic, event));
    }

    public static void assertConforms(String topic, Object event) {
        assertConforms(topic, EventJson.mapper().<JsonNode>valueToTree(event));
    }

    private static void report(String topic, List<ContractViolation> violations) {
        if (!violations.isEmpty()) {
            throw new AssertionError("Record on " + topic + " breaks its contract:\n  "
                    + violations.stream().map(ContractViolation::toString).collect(Collectors.joining("\n  ")));
        }
    }
}
