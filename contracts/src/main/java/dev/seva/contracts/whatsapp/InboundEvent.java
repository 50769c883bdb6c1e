package dev.seva.contracts.whatsapp;

import dev.seva.contracts.Event;

/** The events of {@code whatsapp.inbound.v1} (one kind today; sealed so handlers switch exhaustively). */
public sealed interface InboundEvent extends Event permits WhatsAppMessageReceived {
}
