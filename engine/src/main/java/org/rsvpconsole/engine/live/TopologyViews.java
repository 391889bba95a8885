package org.rsvpconsole.engine.live;

import java.util.ArrayList;
import java.util.List;
import org.rsvpconsole.engine.api.TopologyView;
import org.rsvpconsole.engine.topology.Link;
import org.rsvpconsole.engine.topology.Node;
import org.rsvpconsole.engine.topology.Topology;

/** Builds the API's {@link TopologyView} of a topology. */
public final class TopologyViews {

    private TopologyViews() {
    }

    public static TopologyView of(Topology t) {
        List<TopologyView.NodeView> nodes = new ArrayList<>();
        for (Node n : t.nodes()) {
            nodes.add(new TopologyView.NodeView(n.name(), n.isHost(), t.addressesOf(n), n.description()));
        }
        List<TopologyView.LinkView> links = new ArrayList<>();
        for (Link l : t.links()) {
            links.add(new TopologyView.LinkView(l.name(), l.a().node().name(), l.a().name(), l.b().node().name(),
                l.b().name(), l.forward().reservableBps() / 8.0, l.reverse().reservableBps() / 8.0));
        }
        return new TopologyView(t.name(), t.description(), nodes, links);
    }
}
