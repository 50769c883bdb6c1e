package dev.seva.notification.support;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seva.contracts.ContractAssertions;
import dev.seva.contracts.ContractExamples;
import dev.seva.contracts.EventJson;
import dev.seva.contracts.Topics;
import dev.seva.contracts.whatsapp.SendMessage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * whatsapp.outbound.v1 commands for tests: the contract's own examples, each given a fresh command id
 * and a citizen of its own (so tests never see each other's messages), checked against the contract.
 */
public final class Commands {

    private static final AtomicLong CITIZENS = new AtomicLong(System.currentTimeMillis() % 10_000_000L * 100);

    /** A command: its id, the citizen, and the record's JSON. */
    public record Command(UUID id, String citizen, String json) {
        /** The Kafka key: the citizen's address. */
        public String key() {
            return citizen;
        }
    }

    private Commands() {
    }

    /** A new citizen's wa_id (12 digits, India). */
    public static String newCitizen() {
        return "91" + String.format("%010d", CITIZENS.incrementAndGet() % 10_000_000_000L);
    }

    /** The pseudonymous citizenRef the tests' commands carry for this citizen (each citizen its own, so erasures stay apart). */
    public static String citizenRef(String citizen) {
        return "cit_test" + citizen.replaceAll("[^A-Za-z0-9]", "");
    }

    /** The contract example (text, list, buttons, document, template, mark-read) for a new citizen. */
    public static Command example(String name) {
        return example(name, newCitizen(), c -> { });
    }

    public static Command example(String name, String citizen, Consumer<ObjectNode> change) {
        ObjectNode command = (ObjectNode) ContractExamples.load(Topics.WHATSAPP_OUTBOUND, name).deepCopy();
        UUID id = UUID.randomUUID();
        command.put("eventId", id.toString());
        command.put("occurredAt", Instant.now().toString());
        command.putObject("to").put("waId", citizen);
        command.put("citizenRef", citizenRef(citizen));
        change.accept(command);
        String json;
        try {
            json = EventJson.mapper().writeValueAsString(command);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ContractAssertions.assertConforms(Topics.WHATSAPP_OUTBOUND, json);
        String key = command.at("/to/waId").isMissingNode() ? command.at("/to/userId").asText() : command.at("/to/waId").asText();
        return new Command(id, key, json);
    }

    public static void send(Kafka kafka, Command command) {
        kafka.send(Topics.WHATSAPP_OUTBOUND, command.key(), command.json(), SendMessage.EVENT_TYPE);
    }
}
