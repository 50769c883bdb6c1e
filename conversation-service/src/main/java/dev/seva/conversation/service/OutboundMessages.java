package dev.seva.conversation.service;

import dev.seva.contracts.CitizenAddress;
import dev.seva.contracts.EventIds;
import dev.seva.contracts.Topics;
import dev.seva.contracts.whatsapp.SendMessage;
import dev.seva.conversation.config.ConversationConfig;
import dev.seva.conversation.domain.Language;
import dev.seva.conversation.domain.Reply;
import dev.seva.conversation.persistence.CitizenRow;
import dev.seva.outbox.Outbox;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Turns replies into {@code whatsapp.outbound.v1} commands in the outbox, in order, keyed by the
 * citizen so notification-service sends them in that order. Each says whether the citizen is inside
 * WhatsApp's 24-hour window; outside it, a message carries the approved update template that
 * notification-service sends instead when Meta refuses the free-form one (131047).
 */
@ApplicationScoped
public class OutboundMessages {

    @Inject
    Outbox outbox;

    @Inject
    ConversationConfig config;

    Clock clock = Clock.systemUTC();

    /**
     * Where and how to reach a citizen; {@code citizenRef} is null only before consent (nobody is stored
     * yet), so every command for a known citizen names them and their erasure reaches its delivery.
     */
    public record Recipient(CitizenAddress address, String phoneNumberId, Language language, Instant lastInboundAt, String citizenRef) {

        public static Recipient of(CitizenRow citizen) {
            return new Recipient(new CitizenAddress(citizen.waId, citizen.userId), citizen.phoneNumberId, Language.of(citizen.language),
                    citizen.lastInboundAt, CitizenRow.ACCEPTED.equals(citizen.consent) ? citizen.citizenRef : null);
        }
    }

    public Uni<Void> send(Recipient to, List<Reply> replies, UUID inReplyTo, String applicationRef) {
        boolean withinWindow = withinWindow(to);
        return Multi.createFrom().iterable(replies)
                .onItem().transformToUniAndConcatenate(reply -> outbox.append(Topics.WHATSAPP_OUTBOUND, to.address().key(),
                        command(to, reply, withinWindow, inReplyTo, applicationRef)))
                .collect().last().replaceWithVoid();
    }

    /**
     * Like {@link #send} for messages that belong to no application (an officer's reply in a handover):
     * outside the window they carry the approved handover template, whose one body parameter is
     * {@code templateParameter} (the officer's designation).
     */
    public Uni<Void> sendOutsideApplication(Recipient to, List<Reply> replies, String templateParameter) {
        boolean withinWindow = withinWindow(to);
        SendMessage.Template fallback = withinWindow ? null : new SendMessage.Template(config.handoverTemplate(), to.language().code(),
                List.of(new SendMessage.TemplateComponent("body", null, null,
                        List.of(new SendMessage.TemplateParameter("text", templateParameter, null, null)))));
        return Multi.createFrom().iterable(replies)
                .onItem().transformToUniAndConcatenate(reply -> outbox.append(Topics.WHATSAPP_OUTBOUND, to.address().key(),
                        command(to, reply, withinWindow, null, null, fallback)))
                .collect().last().replaceWithVoid();
    }

    /** Whether the citizen wrote within WhatsApp's customer-service window (free-form messages allowed). */
    public boolean withinWindow(Recipient to) {
        return to.lastInboundAt() != null && Duration.between(to.lastInboundAt(), Instant.now(clock)).compareTo(config.serviceWindow()) < 0;
    }

    SendMessage command(Recipient to, Reply reply, boolean withinWindow, UUID inReplyTo, String applicationRef) {
        SendMessage.Template fallback = withinWindow || applicationRef == null ? null
                : new SendMessage.Template(config.updateTemplate(), to.language().code(), List.of(new SendMessage.TemplateComponent(
                "body", null, null, List.of(new SendMessage.TemplateParameter("text", applicationRef, null, null)))));
        return command(to, reply, withinWindow, inReplyTo, applicationRef, fallback);
    }

    private SendMessage command(Recipient to, Reply reply, boolean withinWindow, UUID inReplyTo, String applicationRef,
                                SendMessage.Template fallback) {
        SendMessage.Text text = null;
        SendMessage.ListMessage list = null;
        SendMessage.Buttons buttons = null;
        SendMessage.Document document = null;
        SendMessage.OrderDetails orderDetails = null;
        SendMessage.OrderStatus orderStatus = null;
        SendMessage.Kind kind;
        if (reply instanceof Reply.Text t) {
            kind = SendMessage.Kind.TEXT;
            text = new SendMessage.Text(t.body(), t.body().contains("https://") ? Boolean.TRUE : null);
        } else if (reply instanceof Reply.Buttons b) {
            kind = SendMessage.Kind.BUTTONS;
            buttons = new SendMessage.Buttons(null, b.body(), null,
                    b.buttons().stream().map(x -> new SendMessage.ReplyButton(x.id(), x.title())).toList());
        } else if (reply instanceof Reply.ListMessage l) {
            kind = SendMessage.Kind.LIST;
            list = new SendMessage.ListMessage(l.header(), l.body(), null, l.button(), List.of(new SendMessage.Section(null,
                    l.rows().stream().map(r -> new SendMessage.Row(r.id(), r.title(), r.description())).toList())));
        } else if (reply instanceof Reply.OrderDetails o) {
            kind = SendMessage.Kind.ORDER_DETAILS;
            orderDetails = new SendMessage.OrderDetails(o.orderId(), o.body(), config.payments().footer(), config.payments().configuration(),
                    o.orderId(), o.notes(), List.of(new SendMessage.OrderItem(o.itemCode(), o.itemName(), o.amountPaise(), 1)), o.amountPaise(),
                    0, config.payments().taxDescription(), o.amountPaise(), o.expiresAt(), o.expirationDescription());
        } else if (reply instanceof Reply.OrderStatus o) {
            kind = SendMessage.Kind.ORDER_STATUS;
            orderStatus = new SendMessage.OrderStatus(o.orderId(), o.body(), null, o.status(), o.description());
        } else {
            Reply.Document d = (Reply.Document) reply;
            kind = SendMessage.Kind.DOCUMENT;
            document = new SendMessage.Document(d.documentId(), d.filename(), d.caption(), "application/pdf");
        }
        return new SendMessage(EventIds.random(), SendMessage.EVENT_TYPE, Instant.now(clock), to.phoneNumberId(), to.address(),
                to.language().code(), withinWindow, inReplyTo, applicationRef, to.citizenRef(), kind, text, list, buttons, document, null, fallback,
                null, orderDetails, orderStatus);
    }
}
