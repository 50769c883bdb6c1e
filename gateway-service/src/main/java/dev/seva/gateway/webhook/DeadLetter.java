package dev.seva.gateway.webhook;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A message or status from a signed webhook that could not become a contract-valid event. It is
 * published raw to the topic's {@code .dlq} so nothing Meta delivered is lost.
 *
 * @param topic  the dead-letter topic
 * @param key    the citizen's address when it could be read (keeps order with their other records), else null
 * @param raw    the item as Meta sent it, with the change's metadata
 * @param reason why, without personal data
 */
public record DeadLetter(String topic, String key, JsonNode raw, String reason) {

    private static final String SUFFIX = ".dlq";

    /** The topic the item was meant for (the {@code dlq-original-topic} header): the dead-letter topic without {@code .dlq}. */
    public String originalTopic() {
        return topic.endsWith(SUFFIX) ? topic.substring(0, topic.length() - SUFFIX.length()) : topic;
    }
}
