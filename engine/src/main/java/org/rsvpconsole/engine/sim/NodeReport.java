package org.rsvpconsole.engine.sim;

import java.util.Objects;
import org.rsvpconsole.engine.api.NodeStateView;

/** One node at the end of a run: the state it holds and what it did. */
public record NodeReport(NodeStateView state, NodeActivity activity) {

    public NodeReport {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(activity, "activity");
    }
}
