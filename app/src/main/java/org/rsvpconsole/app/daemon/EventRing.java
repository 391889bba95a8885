package org.rsvpconsole.app.daemon;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import org.rsvpconsole.engine.api.EventSink;
import org.rsvpconsole.engine.api.RsvpEvent;
import org.rsvpconsole.persistence.api.HistoryEntry;
import org.rsvpconsole.persistence.jdbc.EntryForm;

/**
 * The daemon's recent history for management subscribers: its events and operator actions as history entries in
 * their stored form, numbered contiguously from 1, the newest {@code capacity} of them kept (older ones fall out).
 * A subscriber asks for everything after a number; it gets what is kept after it and then every new entry, in
 * order, from the thread that adds it. The epoch tells a restarted daemon (whose numbers start again) apart.
 */
public final class EventRing implements EventSink {

    /** An entry as kept: its number and its stored form. */
    public record Item(long seq, byte[] entry) {
    }

    /** Receives entries after a subscription, in order; must not block (it runs on the node's loop). */
    public interface Subscriber {
        void deliver(Item item);
    }

    /** A subscription asked for entries this ring no longer holds (or numbers it has not reached). */
    public static final class Gone extends Exception {
        private static final long serialVersionUID = 1L;

        Gone(String message) {
            super(message);
        }
    }

    private final int capacity;
    private final String epoch;
    private final ArrayDeque<Item> items = new ArrayDeque<>();
    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
    private long last;

    public EventRing(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.capacity = capacity;
        this.epoch = Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE);
    }

    public String epoch() {
        return epoch;
    }

    public int capacity() {
        return capacity;
    }

    @Override
    public void accept(RsvpEvent e) {
        add(new HistoryEntry.Engine(now(), e));
    }

    /** Wall-clock nanoseconds since the Unix epoch, the time of history entries. */
    public static long now() {
        Instant t = Instant.now();
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }

    /** Numbers and keeps {@code e}, and hands it to every subscriber. */
    public synchronized void add(HistoryEntry e) {
        Item item = new Item(++last, EntryForm.encode(e));
        items.addLast(item);
        if (items.size() > capacity) {
            items.removeFirst();
        }
        for (Subscriber s : subscribers) {
            s.deliver(item);
        }
    }

    /** The number of the newest entry (0 when none yet). */
    public synchronized long last() {
        return last;
    }

    /** The number of the oldest entry kept (last + 1 when none). */
    public synchronized long first() {
        return items.isEmpty() ? last + 1 : items.peekFirst().seq();
    }

    /** The entries kept after {@code after}, oldest first. */
    public synchronized List<Item> after(long after) {
        List<Item> out = new ArrayList<>();
        for (Item i : items) {
            if (i.seq() > after) {
                out.add(i);
            }
        }
        return out;
    }

    /**
     * Delivers the kept entries after {@code after}, then every new one, to {@code s}; {@code accepted} runs
     * first, before any entry.
     *
     * @throws Gone entries after {@code after} have already fallen out, or {@code after} is beyond the newest
     */
    public synchronized void subscribe(long after, Subscriber s, Runnable accepted) throws Gone {
        if (after > last) {
            throw new Gone("entry " + after + " has not happened here: the newest is " + last
                + " (this daemon restarted, or the number belongs to another daemon); subscribe after 0");
        }
        if (after + 1 < first()) {
            throw new Gone("entries " + (after + 1) + " to " + (first() - 1) + " are no longer kept: this daemon"
                + " keeps its newest " + capacity + " entries in memory, oldest now " + first()
                + "; subscribe after " + (first() - 1) + " (the history store holds older ones where recorded)");
        }
        accepted.run();
        for (Item i : after(after)) {
            s.deliver(i);
        }
        subscribers.add(s);
    }

    public void unsubscribe(Subscriber s) {
        subscribers.remove(s);
    }
}
