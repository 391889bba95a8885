package org.rsvpconsole.engine.topology;

import java.util.List;
import java.util.Objects;
import org.rsvpconsole.engine.api.IpAddress;

/**
 * A router or host of the virtual network.
 *
 * @param index position in {@link Topology#nodes()} (dense, from 0; used for array-based routing)
 * @param name unique name, e.g. {@code R1} or {@code par-pe1}
 * @param kind router or host
 * @param addresses the node's own addresses that belong to no link (router ID, loopbacks); its interface
 *     addresses are in {@link Topology#interfacesOf(Node)} and all of them in {@link Topology#addressesOf(Node)}
 * @param description free text for people (may be empty)
 * @param asNumber the autonomous system the node belongs to (RFC 3209 §4.3.3.4 AS subobjects name it), 1 to
 *     65535, or {@link #NO_AS}
 */
public record Node(int index, String name, NodeKind kind, List<IpAddress> addresses, String description,
                   int asNumber) {

    /** A node in no autonomous system the topology names. */
    public static final int NO_AS = -1;

    public Node(int index, String name, NodeKind kind, List<IpAddress> addresses, String description) {
        this(index, name, kind, addresses, description, NO_AS);
    }

    public Node {
        if (asNumber != NO_AS && (asNumber < 1 || asNumber > 65535)) {
            throw new IllegalArgumentException("AS number " + asNumber + " of node " + name + " is not 1 to 65535");
        }
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        addresses = List.copyOf(addresses);
        description = description == null ? "" : description;
        if (index < 0) {
            throw new IllegalArgumentException("negative node index: " + index);
        }
    }

    public boolean isRouter() {
        return kind == NodeKind.ROUTER;
    }

    public boolean isHost() {
        return kind == NodeKind.HOST;
    }

    @Override
    public String toString() {
        return name;
    }
}
