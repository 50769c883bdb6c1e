package dev.seva.consumer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/** A failure and its causes, outermost first; bounded and cycle-safe (a cause chain can loop back on itself). */
final class Causes {

    private static final int MAX_DEPTH = 32;

    private Causes() {
    }

    static List<Throwable> of(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = failure; t != null && chain.size() < MAX_DEPTH && seen.add(t); t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }

    static <T> T find(Throwable failure, Class<T> type) {
        for (Throwable t : of(failure)) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    /** Whether the exception's class, or one of its superclasses, has this name: for types of libraries this module does not depend on. */
    static boolean isA(Throwable t, String className) {
        for (Class<?> c = t.getClass(); c != null && c != Throwable.class; c = c.getSuperclass()) {
            if (c.getName().equals(className)) {
                return true;
            }
        }
        return false;
    }
}
