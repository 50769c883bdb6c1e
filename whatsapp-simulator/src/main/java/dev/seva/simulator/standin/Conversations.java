package dev.seva.simulator.standin;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every message between the business and each citizen, in order, bounded: past the capacity the
 * oldest message of all is forgotten. Also remembers when each citizen last wrote (the 24-hour
 * window). Thread-safe.
 */
public final class Conversations {

    private static final class Entry {
        final String wamid;
        final String direction;
        final String citizen;
        final String phoneNumberId;
        final String apiVersion;
        final String type;
        final JsonNode body;
        final Instant at;
        String status;
        final List<LoggedMessage.StatusChange> statuses = new ArrayList<>();
        JsonNode error;

        Entry(String wamid, String direction, String citizen, String phoneNumberId, String apiVersion, String type,
              JsonNode body, Instant at, String status) {
            this.wamid = wamid;
            this.direction = direction;
            this.citizen = citizen;
            this.phoneNumberId = phoneNumberId;
            this.apiVersion = apiVersion;
            this.type = type;
            this.body = body;
            this.at = at;
            this.status = status;
        }

        LoggedMessage view() {
            return new LoggedMessage(wamid, direction, citizen, phoneNumberId, apiVersion, type, body, at, status,
                    List.copyOf(statuses), error);
        }
    }

    private final int capacity;
    private final ArrayDeque<Entry> all = new ArrayDeque<>();
    private final Map<String, Deque<Entry>> byCitizen = new HashMap<>();
    private final Map<String, Entry> byWamid = new HashMap<>();
    private final Map<String, Instant> lastInbound;

    Conversations(int capacity) {
        this.capacity = Math.max(1, capacity);
        this.lastInbound = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
                return size() > Conversations.this.capacity;
            }
        };
    }

    synchronized LoggedMessage addOutbound(String wamid, String citizen, String phoneNumberId, String apiVersion, String type,
                                           JsonNode body, Instant at) {
        return add(new Entry(wamid, LoggedMessage.OUTBOUND, citizen, phoneNumberId, apiVersion, type, body, at, "accepted"));
    }

    synchronized LoggedMessage addInbound(String wamid, String citizen, String phoneNumberId, String type, JsonNode message, Instant at) {
        lastInbound.put(citizen, at);
        return add(new Entry(wamid, LoggedMessage.INBOUND, citizen, phoneNumberId, null, type, message, at, "received"));
    }

    private LoggedMessage add(Entry entry) {
        all.addLast(entry);
        byCitizen.computeIfAbsent(entry.citizen, c -> new ArrayDeque<>()).addLast(entry);
        byWamid.put(entry.wamid, entry);
        while (all.size() > capacity) {
            Entry oldest = all.removeFirst();
            byWamid.remove(oldest.wamid);
            Deque<Entry> ofCitizen = byCitizen.get(oldest.citizen);
            ofCitizen.remove(oldest);
            if (ofCitizen.isEmpty()) {
                byCitizen.remove(oldest.citizen);
            }
        }
        return entry.view();
    }

    /** Records a status of a message; returns false when the message is not (or no longer) known. */
    synchronized boolean status(String wamid, String status, Instant at, JsonNode error) {
        Entry entry = byWamid.get(wamid);
        if (entry == null) {
            return false;
        }
        entry.status = status;
        entry.statuses.add(new LoggedMessage.StatusChange(status, at));
        if (error != null) {
            entry.error = error;
        }
        return true;
    }

    /** The messages the platform sent to this citizen, oldest first. */
    public synchronized List<LoggedMessage> sentTo(String citizen) {
        return list(citizen, LoggedMessage.OUTBOUND);
    }

    /** Both directions, oldest first. */
    public synchronized List<LoggedMessage> conversation(String citizen) {
        return list(citizen, null);
    }

    public synchronized Optional<LoggedMessage> find(String wamid) {
        return Optional.ofNullable(byWamid.get(wamid)).map(Entry::view);
    }

    synchronized Optional<Instant> lastInboundAt(String citizen) {
        return Optional.ofNullable(lastInbound.get(citizen));
    }

    /** The latest message sent to the citizen whose interactive part offers a reply with this id. */
    synchronized Optional<LoggedMessage> latestOffering(String citizen, String replyId) {
        Deque<Entry> entries = byCitizen.get(citizen);
        if (entries == null) {
            return Optional.empty();
        }
        for (Iterator<Entry> it = entries.descendingIterator(); it.hasNext(); ) {
            Entry entry = it.next();
            if (LoggedMessage.OUTBOUND.equals(entry.direction) && Replies.find(entry.body, replyId) != null) {
                return Optional.of(entry.view());
            }
        }
        return Optional.empty();
    }

    synchronized void clear() {
        all.clear();
        byCitizen.clear();
        byWamid.clear();
        lastInbound.clear();
    }

    private List<LoggedMessage> list(String citizen, String direction) {
        Deque<Entry> entries = byCitizen.get(citizen);
        List<LoggedMessage> result = new ArrayList<>();
        if (entries != null) {
            for (Entry entry : entries) {
                if (direction == null || direction.equals(entry.direction)) {
                    result.add(entry.view());
                }
            }
        }
        return result;
    }
}
