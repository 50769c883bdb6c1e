package dev.seva.conversation.service;

import dev.seva.contracts.whatsapp.WhatsAppMessageReceived;
import dev.seva.conversation.domain.CitizenInput;

/** A WhatsApp message as the journey understands it. */
final class InboundMapping {

    private InboundMapping() {
    }

    static CitizenInput toInput(WhatsAppMessageReceived m) {
        return switch (m.type()) {
            case TEXT -> new CitizenInput.Text(m.text() == null ? "" : m.text().body());
            case INTERACTIVE -> m.interactive() != null && m.interactive().id() != null
                    ? new CitizenInput.Choice(m.interactive().id(), m.interactive().title())
                    : new CitizenInput.Other("flow");
            case BUTTON -> m.button() != null && m.button().payload() != null
                    ? new CitizenInput.Choice(m.button().payload(), m.button().text())
                    : new CitizenInput.Text(m.button() == null ? "" : m.button().text());
            case LOCATION -> new CitizenInput.SharedLocation(m.location().latitude(), m.location().longitude(), m.location().name(),
                    m.location().address());
            case IMAGE -> new CitizenInput.Media(m.media().id(), m.media().mimeType(), "image", null);
            case DOCUMENT -> new CitizenInput.Media(m.media().id(), m.media().mimeType(), "document", m.media().filename());
            default -> new CitizenInput.Other(m.type().wireName());
        };
    }
}
