package dev.seva.simulator.standin;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** The latest Graph API calls, bounded, and how many calls got each HTTP status since the start. Thread-safe. */
final class RequestJournal {

    private final int capacity;
    private final ArrayDeque<ApiCall> calls = new ArrayDeque<>();
    private final Map<Integer, LongAdder> byStatus = new ConcurrentHashMap<>();

    RequestJournal(int capacity) {
        this.capacity = Math.max(1, capacity);
    }

    synchronized void add(ApiCall call) {
        byStatus.computeIfAbsent(call.status(), s -> new LongAdder()).increment();
        calls.addLast(call);
        while (calls.size() > capacity) {
            calls.removeFirst();
        }
    }

    synchronized List<ApiCall> latest(int limit) {
        List<ApiCall> all = new ArrayList<>(calls);
        return all.subList(Math.max(0, all.size() - limit), all.size());
    }

    long answered(int status) {
        LongAdder n = byStatus.get(status);
        return n == null ? 0 : n.sum();
    }

    synchronized void clear() {
        calls.clear();
        byStatus.clear();
    }
}
