package org.rsvpconsole.engine.topology;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The distribution tree of one sender to a set of receivers: at each node on it, the interface datagrams arrive
 * on and the interfaces they leave by. RSVP multicast Path messages follow it and reservations merge where it
 * branches (RFC 2205 §2.2, §3.1.3). Built like source-specific multicast routing (reverse-path forwarding): each
 * receiver joins toward the sender along its unicast route, so the branches are shortest paths and the union is a
 * tree.
 *
 * @param source the sending node
 * @param reached receivers the tree reaches
 * @param unreachable receivers with no route to the source (e.g. cut off by a link down)
 * @param incoming per node on the tree but the source: the interface toward the source
 * @param outgoing per node on the tree: the interfaces toward receivers, by interface index (empty at leaves)
 */
public record MulticastTree(Node source, Set<Node> reached, Set<Node> unreachable, Map<Node, Interface> incoming,
                            Map<Node, List<Interface>> outgoing) {

    public MulticastTree {
        reached = Set.copyOf(reached);
        unreachable = Set.copyOf(unreachable);
        incoming = Map.copyOf(incoming);
        outgoing = Map.copyOf(outgoing);
    }

    /** True if {@code n} is the source or forwards or receives on this tree. */
    public boolean contains(Node n) {
        return outgoing.containsKey(n);
    }

    /** The interfaces {@code n} forwards the sender's datagrams on; empty if none or not on the tree. */
    public List<Interface> outgoing(Node n) {
        return outgoing.getOrDefault(n, List.of());
    }

    /** The interface the sender's datagrams reach {@code n} on; empty at the source and off the tree. */
    public Optional<Interface> incoming(Node n) {
        return Optional.ofNullable(incoming.get(n));
    }

    /** The nodes of the tree, the source included. */
    public Set<Node> nodes() {
        return outgoing.keySet();
    }
}
