package org.rsvpconsole.engine.topology;

import java.util.Objects;
import org.rsvpconsole.engine.api.IpAddress;

/**
 * One end of a link: a node's interface with its address. RSVP's PHOP/NHOP addresses (RFC 2205 §3.1.3, RSVP_HOP)
 * are interface addresses, and reservable bandwidth belongs to the outgoing interface.
 *
 * @param index position in {@link Topology#interfaces()} (dense, from 0)
 * @param node the node it belongs to
 * @param name unique within the node, e.g. {@code eth0} or the RFC's {@code Int2}
 * @param address its address (unique in the topology)
 * @param linkIndex the link it attaches to ({@link Topology#link(Interface)})
 */
public record Interface(int index, Node node, String name, IpAddress address, int linkIndex) {

    public Interface {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(address, "address");
    }

    /** {@code node:name}, e.g. {@code R10:Int8}. */
    public String qualifiedName() {
        return node.name() + ":" + name;
    }

    @Override
    public String toString() {
        return qualifiedName() + " (" + address + ")";
    }
}
