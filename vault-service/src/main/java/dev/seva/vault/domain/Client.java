package dev.seva.vault.domain;

import java.util.EnumSet;
import java.util.Set;

/** A named caller of the vault (one per calling service) and what it may ask. */
public record Client(String name, Set<Right> rights) {

    public Client {
        rights = rights.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(rights));
    }

    public boolean may(Right right) {
        return rights.contains(right);
    }
}
