package dev.seva.conversation.domain;

/** What a citizen sent, reduced to what the journey understands. */
public sealed interface CitizenInput {

    /** Typed text (also a template quick-reply's text when it has no payload). */
    record Text(String body) implements CitizenInput {
    }

    /** A tap on a reply button, a list row or a template quick reply: the id we gave it, and its title. */
    record Choice(String id, String title) implements CitizenInput {
    }

    /** A shared location. */
    record SharedLocation(double latitude, double longitude, String name, String address) implements CitizenInput {
    }

    /** A photo or a document (PDF): Meta's media id, valid 7 days. */
    record Media(String mediaId, String mimeType, String kind, String filename) implements CitizenInput {
    }

    /** Anything else (a sticker, a voice note, a reaction, a contact card...), by its kind. */
    record Other(String kind) implements CitizenInput {
    }
}
