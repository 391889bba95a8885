package org.rsvpconsole.ui.replay;

import java.util.ArrayList;
import java.util.List;
import org.rsvpconsole.engine.api.TopologyView;
import org.rsvpconsole.persistence.api.EventFilter;
import org.rsvpconsole.persistence.api.EventStore;
import org.rsvpconsole.persistence.api.HistoryEntry;
import org.rsvpconsole.persistence.api.StoredEntry;

/**
 * One run of a network as recorded: the {@link HistoryEntry.Topology} entry it started with and every entry after it
 * up to the next run, in time order. The timeline replays one run, because the map and tables are built for one
 * topology; engine times in a run count from the topology entry's time (the recorder's origin).
 *
 * @param start   the topology entry that opened the run
 * @param entries the run's other entries, in time order (then log order)
 * @param runs    how many runs the history holds in all (this is the last)
 */
public record HistoryRun(StoredEntry start, List<StoredEntry> entries, int runs) {

    public HistoryRun {
        entries = List.copyOf(entries);
    }

    public TopologyView topology() {
        return ((HistoryEntry.Topology) start.entry()).topology();
    }

    /** Wall time of the run's start: engine time 0. */
    public long originNanos() {
        return start.atNanos();
    }

    /** Time of the last entry (the start when there is none). */
    public long endNanos() {
        return entries.isEmpty() ? start.atNanos() : entries.get(entries.size() - 1).atNanos();
    }

    /**
     * The last run recorded in {@code store} (committed entries only), or null when it holds none. Reads only from
     * the start of the last run on.
     */
    public static HistoryRun latest(EventStore store) {
        List<StoredEntry> topologies = store.events(EventFilter.all(Integer.MAX_VALUE).withKind("Topology"));
        if (topologies.isEmpty()) {
            return null;
        }
        StoredEntry start = topologies.get(topologies.size() - 1);
        List<StoredEntry> after = new ArrayList<>();
        for (StoredEntry e : store.events(EventFilter.all(Integer.MAX_VALUE).between(start.atNanos(),
            Long.MAX_VALUE))) {
            if (e.id() > start.id()) {
                after.add(e);
            }
        }
        return new HistoryRun(start, after, topologies.size());
    }

    /** The next topology version to record: one more than any in the store (versions are unique in a store). */
    public static int nextVersion(EventStore store) {
        int max = 0;
        for (StoredEntry e : store.events(EventFilter.all(Integer.MAX_VALUE).withKind("Topology"))) {
            max = Math.max(max, ((HistoryEntry.Topology) e.entry()).version());
        }
        return max + 1;
    }
}
