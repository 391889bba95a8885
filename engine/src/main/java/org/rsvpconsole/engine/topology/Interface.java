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
 * @param mtu the largest IP datagram it sends, bytes ({@value #DEFAULT_MTU} unless the topology says otherwise);
 *            admission control refuses a flow whose maximum packet size M exceeds it (RFC 2211 §5, RFC 2212 §7)
 */
public record Interface(int index, Node node, String name, IpAddress address, int linkIndex, int mtu) {

    /** Ethernet's MTU, the default of every interface. */
    public static final int DEFAULT_MTU = 1500;
    /** The smallest MTU IPv4 allows (RFC 791). */
    public static final int MIN_MTU = 68;
    /** The largest IP datagram. */
    public static final int MAX_MTU = 65535;

    public Interface {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(address, "address");
        if (mtu < MIN_MTU || mtu > MAX_MTU) {
            throw new IllegalArgumentException("interface " + node.name() + ":" + name + ": MTU " + mtu
                + " is outside " + MIN_MTU + ".." + MAX_MTU + " bytes");
        }
    }

    /** An interface with the default MTU. */
    public Interface(int index, Node node, String name, IpAddress address, int linkIndex) {
        this(index, node, name, address, linkIndex, DEFAULT_MTU);
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
