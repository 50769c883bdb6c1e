package dev.seva.contracts;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown when a producer is about to emit an event that fails its schema: the event must not go out. */
public class ContractViolationException extends RuntimeException {

    private final String topic;
    private final List<ContractViolation> violations;

    public ContractViolationException(String topic, List<ContractViolation> violations) {
        super("Event for " + topic + " breaks its contract: "
                + violations.stream().map(ContractViolation::toString).collect(Collectors.joining("; ")));
        this.topic = topic;
        this.violations = List.copyOf(violations);
    }

    public String topic() {
        return topic;
    }

    public List<ContractViolation> violations() {
        return violations;
    }
}
