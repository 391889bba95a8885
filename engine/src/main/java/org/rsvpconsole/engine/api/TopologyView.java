package org.rsvpconsole.engine.api;

import java.util.List;

/**
 * The shape of a network as the console draws it: nodes and links, read once when a network opens.
 *
 * @param name        the topology's title
 * @param description free text from the topology file
 */
public record TopologyView(String name, String description, List<NodeView> nodes, List<LinkView> links) {

    public TopologyView {
        nodes = List.copyOf(nodes);
        links = List.copyOf(links);
    }

    /**
     * One router or host.
     *
     * @param host      true for an end system (applications run there), false for a router
     * @param addresses the node's addresses, router ID or host address first
     */
    public record NodeView(String name, boolean host, List<IpAddress> addresses, String description) {
        public NodeView {
            addresses = List.copyOf(addresses);
        }
    }

    /**
     * One point-to-point link between interface {@code interfaceA} of {@code nodeA} and {@code interfaceB} of
     * {@code nodeB}, with the reservable bandwidth of each direction in bytes per second.
     */
    public record LinkView(String name, String nodeA, String interfaceA, String nodeB, String interfaceB,
                           double capacityAtoB, double capacityBtoA) {
    }
}
