package dev.seva.consumer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seva.contracts.ContractValidator;
import dev.seva.contracts.ContractViolation;
import dev.seva.contracts.EventJson;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Reads a consumed record as its contract's record type: parsed, checked against its topic's contract
 * (the schema in contracts), mapped. What is not such a record fails with {@link UnprocessableRecord},
 * whose reason names the rule broken and never a value: {@code empty record}, {@code not JSON},
 * {@code breaks its contract: /field keyword, …}, {@code unreadable <Type>}.
 */
public final class RecordReader {

    private RecordReader() {
    }

    public static <T> T read(ConsumerRecord<String, String> record, Class<T> type) {
        return read(record.topic(), record.value(), type);
    }

    public static <T> T read(String topic, String value, Class<T> type) {
        if (value == null) {
            throw new UnprocessableRecord("empty record");
        }
        JsonNode json;
        try {
            json = EventJson.mapper().readTree(value);
        } catch (Exception e) {
            throw new UnprocessableRecord("not JSON");
        }
        if (json == null || json.isMissingNode()) {
            throw new UnprocessableRecord("not JSON");
        }
        List<ContractViolation> violations = ContractValidator.instance().validate(topic, json);
        if (!violations.isEmpty()) {
            throw new UnprocessableRecord("breaks its contract: "
                    + violations.stream().map(v -> v.field() + " " + v.keyword()).distinct().collect(Collectors.joining(", ")));
        }
        try {
            return EventJson.mapper().treeToValue(json, type);
        } catch (Exception e) {
            throw new UnprocessableRecord("unreadable " + type.getSimpleName());
        }
    }
}
