package org.rsvpconsole.persistence.api;

import java.util.List;
import org.rsvpconsole.engine.api.AggregateView;
import org.rsvpconsole.engine.api.LspView;
import org.rsvpconsole.engine.api.RsvpEvent;
import org.rsvpconsole.engine.api.TopologyView;

/**
 * One entry of the append-only history: an engine event, an operator action, a new topology version, the network's
 * RSVP-TE LSPs or RFC 3175 aggregates, or an explicit note that the store had to drop events because its buffer was
 * full (so a loss is never silent).
 */
public sealed interface HistoryEntry {

    /** Wall-clock time of the entry, nanoseconds since the Unix epoch. */
    long atNanos();

    /** An event of the engine, stamped with the wall-clock time it maps to. */
    record Engine(long atNanos, RsvpEvent event) implements HistoryEntry {
    }

    /**
     * Something an operator did: who, what, on what, and the result.
     *
     * @param who    the operator (user name)
     * @param action what was done, e.g. "reserve" or "teardown"
     * @param target what it was done to, e.g. a session
     * @param result "ok" or the error text
     */
    record OperatorAction(long atNanos, String who, String action, String target, String result)
        implements HistoryEntry {
    }

    /** The network's shape from this instant on; the reducer resets link capacities from it. */
    record Topology(long atNanos, int version, TopologyView topology) implements HistoryEntry {
    }

    /**
     * Every RSVP-TE LSP of the network from this instant on (every node's {@link LspView}: routes, labels,
     * priorities), recorded when they change, so replay shows the LSPs as they were (docs/rsvp-te.md).
     */
    record LspState(long atNanos, List<LspView> lsps) implements HistoryEntry {
        public LspState {
            lsps = List.copyOf(lsps);
        }
    }

    /**
     * Every RFC 3175 aggregate of the network from this instant on ({@link AggregateView}: DSCP, what it reserves,
     * its microflows admitted and preempted), recorded when they change, so replay shows the aggregates as they
     * were (docs/preemption.md). The events do not say which microflows an aggregate carries.
     */
    record AggregateState(long atNanos, List<AggregateView> aggregates) implements HistoryEntry {
        public AggregateState {
            aggregates = List.copyOf(aggregates);
        }
    }

    /**
     * The store's buffer was full and {@code count} entries arriving from {@code fromNanos} to {@code atNanos} were
     * not written; the first of the streams they belonged to is named (see docs/persistence.md).
     */
    record EntriesLost(long atNanos, long fromNanos, long count, String streams) implements HistoryEntry {
    }
}
