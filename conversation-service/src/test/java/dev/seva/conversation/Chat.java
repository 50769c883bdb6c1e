package dev.seva.conversation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.seva.contracts.CitizenAddress;
import dev.seva.contracts.ContractAssertions;
import dev.seva.contracts.EventIds;
import dev.seva.contracts.EventJson;
import dev.seva.contracts.Headers;
import dev.seva.contracts.Topics;
import dev.seva.contracts.whatsapp.InteractiveKind;
import dev.seva.contracts.whatsapp.MessageType;
import dev.seva.contracts.whatsapp.SendMessage;
import dev.seva.contracts.whatsapp.WhatsAppMessageReceived;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;

/**
 * Plays citizens the way the gateway would: their messages go onto {@code whatsapp.inbound.v1} as
 * contract-valid events; everything the conversation service produces (replies, department events,
 * erasures) is read back from the real broker. Every record read is checked against its contract.
 */
final class Chat implements AutoCloseable {

    static final String PHONE_NUMBER_ID = "106540352242922";

    private final KafkaProducer<String, String> producer;
    private final KafkaConsumer<String, String> consumer;
    private final List<ConsumerRecord<String, String>> seen = new CopyOnWriteArrayList<>();
    private final Thread poller;
    private volatile boolean running = true;

    Chat(String bootstrapServers) {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new StringSerializer());
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "chat-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.METADATA_MAX_AGE_CONFIG, "1000"),
                new StringDeserializer(), new StringDeserializer());
        // Topics exist before anyone writes to them, as they do in production (KafkaTopic per contract).
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = Stream.of(Topics.WHATSAPP_INBOUND, Topics.WHATSAPP_OUTBOUND, Topics.CITIZEN_ERASURE, Topics.DOCUMENTS_ISSUED,
                            Topics.WHATSAPP_INBOUND_DLQ, Topics.departmentApplications("revenue"), Topics.departmentOutcomes("revenue"),
                            Topics.CONVERSATION_HANDOVERS, Topics.DESK_HANDOVERS, Topics.DESK_HANDOVERS_DLQ, Topics.PAYMENTS_ORDERS,
                            Topics.PAYMENTS_EVENTS, Topics.departmentLookups("municipal"), Topics.departmentAnswers("municipal"),
                            Topics.departmentApplications("municipal"), Topics.departmentOutcomes("municipal"),
                            Topics.departmentAnswers("education"))
                    .filter(t -> !existing.contains(t)).map(t -> new NewTopic(t, 1, (short) 1)).toList();
            admin.createTopics(missing).all().get();
        } catch (Exception e) {
            if (!(e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException)) {
                throw new IllegalStateException(e);
            }
        }
        consumer.subscribe(Pattern.compile("whatsapp\\.outbound\\.v1|payments\\.orders\\.v1|citizen\\.erasure\\.v1|conversation\\.handovers\\.v1|dept\\.[a-z0-9]+\\.(applications|lookups)\\.v1|.*\\.dlq"));
        poller = new Thread(() -> {
            while (running) {
                synchronized (consumer) {
                    consumer.poll(Duration.ofMillis(100)).forEach(seen::add);
                }
            }
        }, "chat-poller");
        poller.setDaemon(true);
        poller.start();
    }

    Citizen citizen(String waId) {
        return new Citizen(waId);
    }

    /** Records on a topic (or matching topic) produced since the chat started. */
    List<ConsumerRecord<String, String>> records(String topic) {
        return seen.stream().filter(r -> r.topic().equals(topic)).toList();
    }

    void publish(String topic, String key, Object event, String eventType) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, EventJson.mapper().valueToTree(event).toString());
        record.headers().add(Headers.EVENT_TYPE, eventType.getBytes(StandardCharsets.UTF_8));
        try {
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            poller.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        consumer.close();
        producer.close();
    }

    /** One citizen's side of the chat. */
    final class Citizen {
        final String waId;
        private int counter;

        Citizen(String waId) {
            this.waId = waId;
        }

        /** The chat this citizen is in (its records, its producer). */
        Chat chat() {
            return Chat.this;
        }

        List<SendMessage> says(String text, int replies) {
            return exchange(message(MessageType.TEXT, b -> b.text = new WhatsAppMessageReceived.Text(text)), replies);
        }

        List<SendMessage> taps(String id, String title, int replies) {
            return exchange(message(MessageType.INTERACTIVE, b -> b.interactive = new WhatsAppMessageReceived.Interactive(
                    id.startsWith("svc:") || id.startsWith("dept:") || id.startsWith("opt:") || id.startsWith("app:") || id.startsWith("edit:")
                            || id.startsWith("page:") || id.equals("popular") || id.equals("status")
                            ? InteractiveKind.LIST_REPLY : InteractiveKind.BUTTON_REPLY, id, title, null, null, null, null)), replies);
        }

        List<SendMessage> sharesLocation(int replies) {
            return exchange(message(MessageType.LOCATION, b -> b.location = new WhatsAppMessageReceived.Location(16.5062, 80.648, "Benz Circle",
                    "MG Road, Vijayawada, Andhra Pradesh 520010", null)), replies);
        }

        List<SendMessage> sendsDocument(int replies) {
            return exchange(message(MessageType.DOCUMENT, b -> b.media = new WhatsAppMessageReceived.Media("1003383421387256",
                    "application/pdf", null, null, "proof.pdf", null, null)), replies);
        }

        List<SendMessage> sendsPhoto(int replies) {
            return exchange(message(MessageType.IMAGE, b -> b.media = new WhatsAppMessageReceived.Media("1479537139650973",
                    "image/jpeg", null, null, null, null, null)), replies);
        }

        List<SendMessage> sendsSticker(int replies) {
            return exchange(message(MessageType.STICKER, b -> b.media = new WhatsAppMessageReceived.Media("1130479208530815",
                    "image/webp", null, null, null, null, false)), replies);
        }

        /** Sends the event (possibly again) and returns the replies caused by it once there are at least {@code replies}. */
        List<SendMessage> exchange(WhatsAppMessageReceived event, int replies) {
            send(event);
            await().atMost(Duration.ofSeconds(60)).until(() -> repliesTo(event.eventId()).size() >= replies);
            return repliesTo(event.eventId());
        }

        void send(WhatsAppMessageReceived event) {
            ContractAssertions.assertConforms(Topics.WHATSAPP_INBOUND, event);
            publish(Topics.WHATSAPP_INBOUND, waId, event, WhatsAppMessageReceived.EVENT_TYPE);
        }

        List<SendMessage> repliesTo(UUID eventId) {
            List<SendMessage> replies = new ArrayList<>();
            for (ConsumerRecord<String, String> record : records(Topics.WHATSAPP_OUTBOUND)) {
                JsonNode json = read(record.value());
                if (waId.equals(record.key()) && eventId.toString().equals(json.path("inReplyTo").asText())) {
                    ContractAssertions.assertConforms(Topics.WHATSAPP_OUTBOUND, json);
                    replies.add(EventJson.mapper().convertValue(json, SendMessage.class));
                }
            }
            return replies;
        }

        /** Everything sent to this citizen so far, in order. */
        List<SendMessage> allReplies() {
            return records(Topics.WHATSAPP_OUTBOUND).stream().filter(r -> waId.equals(r.key()))
                    .map(r -> EventJson.mapper().convertValue(read(r.value()), SendMessage.class)).toList();
        }

        WhatsAppMessageReceived message(MessageType type, java.util.function.Consumer<Parts> fill) {
            Parts parts = new Parts();
            fill.accept(parts);
            String wamid = "wamid.TEST" + waId + "x" + (++counter) + "x" + UUID.randomUUID().toString().substring(0, 8);
            return new WhatsAppMessageReceived(EventIds.nameBased(Topics.WHATSAPP_INBOUND, PHONE_NUMBER_ID, wamid),
                    WhatsAppMessageReceived.EVENT_TYPE, Instant.now(), Instant.now(), "102290129340398", PHONE_NUMBER_ID, "15550783881",
                    wamid, CitizenAddress.ofWaId(waId), new WhatsAppMessageReceived.Profile("Test Citizen", null), type, null,
                    parts.text, parts.interactive, null, parts.location, parts.media, null, null, null, null, null, null);
        }
    }

    static final class Parts {
        WhatsAppMessageReceived.Text text;
        WhatsAppMessageReceived.Interactive interactive;
        WhatsAppMessageReceived.Location location;
        WhatsAppMessageReceived.Media media;
    }

    static JsonNode read(String json) {
        try {
            return json == null ? JsonNodeFactory.instance.nullNode() : EventJson.mapper().readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
