package dev.seva.notification.service;

import dev.seva.consumer.DeadLetter;
import dev.seva.contracts.Topics;
import dev.seva.contracts.whatsapp.SendMessage;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;

/**
 * One command being delivered: the command, the record it came in (for the dead-letter topic), and
 * whether its fallback template is being sent instead.
 *
 * @param key        the Kafka key of the command (the citizen's address)
 * @param rawValue   the record's value exactly as consumed, dead-lettered as is
 * @param enqueuedAt when the command was written to the topic (the record's timestamp)
 */
public record DeliveryJob(SendMessage command, String key, String rawValue, Instant enqueuedAt, boolean usingFallback) {

    public UUID commandId() {
        return command.eventId();
    }

    public String phoneNumberId() {
        return command.phoneNumberId();
    }

    /** The template sent instead of the command's own part, or null. */
    public SendMessage.Template replacementTemplate() {
        return usingFallback && command.kind() != SendMessage.Kind.TEMPLATE ? command.fallbackTemplate() : null;
    }

    public boolean canFallBack() {
        return !usingFallback && command.fallbackTemplate() != null && command.kind() != SendMessage.Kind.MARK_READ;
    }

    public DeliveryJob withFallback() {
        return new DeliveryJob(command, key, rawValue, enqueuedAt, true);
    }

    /** The command's dead letter, in the platform's one layout: the record as consumed, named by the command. */
    public DeadLetter.Builder deadLetter() {
        return deadLetter(key, rawValue, commandId());
    }

    static DeadLetter.Builder deadLetter(String key, String rawValue, UUID commandId) {
        return DeadLetter.builder(Topics.WHATSAPP_OUTBOUND, key, rawValue).event(SendMessage.EVENT_TYPE, commandId.toString());
    }

    /** Mark-as-read is not a message to the citizen: no pair pacing, no status webhooks. */
    public boolean isMarkRead() {
        return command.kind() == SendMessage.Kind.MARK_READ;
    }

    /** Label for metrics: the kind, or "fallback_template". */
    public String kindLabel() {
        return replacementTemplate() != null || (usingFallback && command.kind() == SendMessage.Kind.TEMPLATE)
                ? "fallback_template" : command.kind().wireName();
    }

    /** Ids of the documents this message carries (to upload first). */
    public Set<String> documentIds() {
        Set<String> ids = new LinkedHashSet<>();
        SendMessage.Template template = replacementTemplate();
        if (template == null && command.kind() == SendMessage.Kind.DOCUMENT) {
            ids.add(command.document().documentId());
        }
        if (template == null && command.kind() == SendMessage.Kind.TEMPLATE) {
            template = command.template();
        }
        if (template != null && template.components() != null) {
            for (SendMessage.TemplateComponent component : template.components()) {
                if (component.parameters() != null) {
                    component.parameters().stream().filter(p -> p.documentId() != null).forEach(p -> ids.add(p.documentId()));
                }
            }
        }
        return ids;
    }

    /** The file name and type a document of the message is uploaded with. */
    public String filenameOf(String documentId) {
        if (command.document() != null && documentId.equals(command.document().documentId())) {
            return command.document().filename();
        }
        return documentId + ".pdf";
    }
}
