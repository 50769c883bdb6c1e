package dev.seva.desk.domain;

import java.util.Locale;

/** Where an application stands at the desk. The first three are open: they are in the queue. */
public enum ApplicationStatus {
    NEW(true), ACCEPTED(true), AWAITING_CITIZEN(true), APPROVED(false), REJECTED(false), WITHDRAWN(false), ERASED(false);

    private final boolean open;

    ApplicationStatus(boolean open) {
        this.open = open;
    }

    public boolean isOpen() {
        return open;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ApplicationStatus fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
