package dev.seva.gateway.webhook;

import java.util.Locale;

/** Why part of a correctly signed webhook was not published (acknowledged with 200 and counted). */
public enum IgnoreReason {
    /** {@code object} is not {@code whatsapp_business_account}. */
    UNKNOWN_OBJECT,
    /** A change whose {@code field} is not {@code messages} (e.g. template status updates). */
    UNKNOWN_FIELD,
    /** A change for a business number that is not on our allow-list. */
    PHONE_NUMBER_NOT_ALLOWED,
    /** An entry or change that is not shaped as Meta documents (no value, not an object, ...). */
    MALFORMED,
    /** Errors Meta attached to the change itself rather than to a message or status. */
    WEBHOOK_ERROR;

    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
