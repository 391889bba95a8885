package org.rsvpconsole.engine.sim;

import java.util.List;
import java.util.Objects;
import org.rsvpconsole.engine.api.LspView;
import org.rsvpconsole.engine.api.NeighbourView;
import org.rsvpconsole.engine.api.NodeStateView;

/**
 * One node at the end of a run: the state it holds, what it did, the RSVP-TE LSPs it has path state for, and its
 * neighbours where it runs refresh reduction, integrity or Hello (each empty otherwise).
 */
public record NodeReport(NodeStateView state, NodeActivity activity, List<LspView> lsps,
                         List<NeighbourView> neighbours) {

    public NodeReport {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(activity, "activity");
        lsps = List.copyOf(lsps);
        neighbours = List.copyOf(neighbours);
    }

    /** A node without LSPs or neighbour state (plain RFC 2205). */
    public NodeReport(NodeStateView state, NodeActivity activity) {
        this(state, activity, List.of(), List.of());
    }
}
