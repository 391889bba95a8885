package org.rsvpconsole.engine.sim;

import java.util.List;
import java.util.Objects;
import org.rsvpconsole.engine.api.LspView;
import org.rsvpconsole.engine.api.NodeStateView;

/** One node at the end of a run: the state it holds, what it did, and the RSVP-TE LSPs it has path state for. */
public record NodeReport(NodeStateView state, NodeActivity activity, List<LspView> lsps) {

    public NodeReport {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(activity, "activity");
        lsps = List.copyOf(lsps);
    }

    public NodeReport(NodeStateView state, NodeActivity activity) {
        this(state, activity, List.of());
    }
}
