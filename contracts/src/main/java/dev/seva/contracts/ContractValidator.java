package dev.seva.contracts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Validates events against the JSON Schemas (draft 2020-12) in {@code contracts/}, with networknt's
 * json-schema-validator. Thread-safe; compiled schemas are cached per topic.
 *
 * <p>Platform topics map to {@code contracts/platform/<topic>.schema.json}. A department topic
 * {@code dept.<d>.<stream>.v1} maps to {@code contracts/departments/<d>/<stream>.v1.schema.json}
 * when that department ships its own contract, else to the envelope in {@code departments/_envelope/}.
 * Either way the event's {@code departmentId} must be {@code <d>}: the topic pins the department.
 */
public final class ContractValidator {

    static final String ID_PREFIX = "https://seva.dev/contracts/";
    private static final String CLASSPATH_PREFIX = "classpath:contracts/";
    private static final ContractValidator INSTANCE = new ContractValidator();

    private final SchemaRegistry registry;
    private final Map<String, Schema> schemasByTopic = new ConcurrentHashMap<>();

    private ContractValidator() {
        SchemaRegistryConfig config = SchemaRegistryConfig.builder()
                .pathType(PathType.JSON_POINTER)
                .formatAssertionsEnabled(true)
                .build();
        this.registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12, builder -> builder
                .schemaRegistryConfig(config)
                .schemaLoader(loader -> loader.schemaIdResolvers(ids -> ids.mapPrefix(ID_PREFIX, CLASSPATH_PREFIX))));
    }

    public static ContractValidator instance() {
        return INSTANCE;
    }

    /** Every way the event breaks the contract of its topic; empty when it conforms. */
    public List<ContractViolation> validate(String topic, JsonNode event) {
        List<Error> errors = schemaFor(topic).validate(event);
        List<ContractViolation> violations = new ArrayList<>(errors.size());
        for (Error error : errors) {
            violations.add(toViolation(error));
        }
        pinToDepartment(topic, event, violations);
        return violations;
    }

    /**
     * A department topic carries only its own department's events: {@code dept.<d>.*.v1} with a
     * {@code departmentId} other than {@code <d>} is a violation, whether the department ships its own
     * schema (which may say so too) or uses the shared envelope (which cannot: it serves every department).
     * Without this, a department could write another department's applications or approvals.
     */
    private static void pinToDepartment(String topic, JsonNode event, List<ContractViolation> violations) {
        Topics.parseDepartmentTopic(topic).ifPresent(dt -> {
            JsonNode claimed = event == null ? null : event.get("departmentId");
            boolean reported = violations.stream().anyMatch(v -> v.field().equals("/departmentId"));
            if (claimed != null && claimed.isTextual() && !claimed.asText().equals(dt.departmentId()) && !reported) {
                violations.add(new ContractViolation("/departmentId", "const",
                        "/departmentId must be \"" + dt.departmentId() + "\" on " + topic + ": a department topic carries only its own department's events"));
            }
            JsonNode reference = event == null ? null : event.get("applicationRef");
            boolean referenceReported = violations.stream().anyMatch(v -> v.field().equals("/applicationRef"));
            if (reference != null && reference.isTextual() && !referenceReported
                    && !dev.seva.contracts.department.ApplicationReferences.belongsTo(reference.asText(), dt.departmentId())) {
                violations.add(new ContractViolation("/applicationRef", "pattern",
                        "/applicationRef must be one of " + dt.departmentId() + "'s (SEVA-"
                                + dev.seva.contracts.department.ApplicationReferences.departmentCode(dt.departmentId())
                                + "-…) on " + topic + ": a department answers only its own applications"));
            }
        });
    }

    /** Like {@link #validate(String, JsonNode)}, for JSON text; text that is not JSON is one violation at the root. */
    public List<ContractViolation> validate(String topic, String json) {
        JsonNode node;
        try {
            node = EventJson.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            return List.of(new ContractViolation("", "json", "the event is not valid JSON: " + e.getOriginalMessage()));
        }
        return validate(topic, node);
    }

    /** Throws {@link ContractViolationException} unless the event conforms. Producers call this before sending. */
    public void requireValid(String topic, JsonNode event) {
        List<ContractViolation> violations = validate(topic, event);
        if (!violations.isEmpty()) {
            throw new ContractViolationException(topic, violations);
        }
    }

    /** Converts a record (or any object) to JSON and requires it to conform; returns the JSON. */
    public JsonNode requireValid(String topic, Object event) {
        JsonNode node = EventJson.mapper().valueToTree(event);
        requireValid(topic, node);
        return node;
    }

    /** Whether a contract exists for this topic. */
    public boolean hasContract(String topic) {
        return schemaResource(topic).isPresent();
    }

    private Schema schemaFor(String topic) {
        return schemasByTopic.computeIfAbsent(topic, t -> {
            String resource = schemaResource(t).orElseThrow(() -> new IllegalArgumentException("No contract for topic " + t));
            Schema schema = registry.getSchema(SchemaLocation.of(ID_PREFIX + resource));
            schema.initializeValidators();
            return schema;
        });
    }

    /** Path below {@code contracts/} of the schema for the topic. */
    static Optional<String> schemaResource(String topic) {
        if (Topics.PLATFORM.contains(topic)) {
            return Optional.of("platform/" + topic + ".schema.json");
        }
        return Topics.parseDepartmentTopic(topic).map(dt -> {
            String own = "departments/" + dt.departmentId() + "/" + dt.stream() + ".v1.schema.json";
            return ContractValidator.class.getClassLoader().getResource("contracts/" + own) != null
                    ? own
                    : "departments/_envelope/" + dt.stream() + ".v1.schema.json";
        });
    }

    private static ContractViolation toViolation(Error error) {
        String location = error.getInstanceLocation() == null ? "" : error.getInstanceLocation().toString();
        if (location.equals("/")) {
            location = "";
        }
        String field = location;
        if ("required".equals(error.getKeyword()) && error.getProperty() != null) {
            field = location + "/" + error.getProperty();
        }
        String message = error.getMessage();
        if (!message.contains(field) && !field.isEmpty()) {
            message = field + " " + message;
        }
        return new ContractViolation(field.isEmpty() ? "/" : field, error.getKeyword(), message);
    }
}
