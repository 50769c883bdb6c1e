package dev.seva.conversation.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;

@ConfigMapping(prefix = "seva.conversation")
public interface ConversationConfig {

    /**
     * Aadhaar vault keys, {@code <id>:<base64 of 32 bytes>}, comma-separated (AADHAAR_VAULT_KEYS). The
     * first encrypts; all decrypt, so a key is rotated by putting a new one first.
     */
    List<String> aadhaarKeys();

    /** WhatsApp's customer-service window: free-form messages only within this time after the citizen wrote. */
    @WithDefault("24h")
    Duration serviceWindow();

    /** A session idle longer than this restarts at the menu. */
    @WithDefault("24h")
    Duration idleRestart();

    /** The approved template sent instead of a free-form update outside the 24-hour window. */
    @WithDefault("seva_application_update")
    String updateTemplate();

    /**
     * The approved template sent instead of an officer's free-form message in a handover outside the
     * 24-hour window; its one body parameter is the officer's designation.
     */
    @WithDefault("seva_officer_message")
    String handoverTemplate();

    /** Version of the privacy notice citizens accept (recorded with their consent). */
    @WithDefault("1")
    int privacyNoticeVersion();

    /** How many times a message is retried when another message of the same citizen changed the session first. */
    @WithDefault("5")
    int conflictRetries();
}
