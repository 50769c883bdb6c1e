package dev.seva.simulator.standin.razorpay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small helpers for Razorpay's JSON, and the bounded maps its entities live in. */
final class Json {

    private Json() {
    }

    static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    /** Notes as Razorpay writes them: the object, or {@code []} when there are none (its PHP heritage). */
    static JsonNode notes(ObjectNode notes) {
        return notes == null || notes.isEmpty() ? JsonNodeFactory.instance.arrayNode() : notes.deepCopy();
    }

    static void putNullable(ObjectNode node, String field, String value) {
        if (value == null) {
            node.putNull(field);
        } else {
            node.put(field, value);
        }
    }

    static void putNullable(ObjectNode node, String field, Long value) {
        if (value == null) {
            node.putNull(field);
        } else {
            node.put(field, value);
        }
    }

    /** {@code {"payment":{"entity":{…}}, "order":{"entity":{…}}}}, as webhook payloads nest entities. */
    static ObjectNode entities(Object... nameThenEntity) {
        ObjectNode payload = object();
        for (int i = 0; i < nameThenEntity.length; i += 2) {
            payload.putObject((String) nameThenEntity[i]).set("entity", (ObjectNode) nameThenEntity[i + 1]);
        }
        return payload;
    }

    /** {@code {"entity":"collection","count","items":[…]}}. */
    static ObjectNode collection(List<ObjectNode> items) {
        ObjectNode c = object();
        c.put("entity", "collection");
        c.put("count", items.size());
        ArrayNode array = c.putArray("items");
        items.forEach(array::add);
        return c;
    }

    /** A map that forgets its oldest entry past the capacity. */
    static <V> Map<String, V> bounded(int capacity) {
        return new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > Math.max(1, capacity);
            }
        };
    }
}
