package org.rsvpconsole.engine.node;

import java.util.Set;
import org.rsvpconsole.engine.api.IpAddress;
import org.rsvpconsole.engine.time.Scheduler;
import org.rsvpconsole.engine.topology.Interface;
import org.rsvpconsole.engine.topology.MulticastTree;
import org.rsvpconsole.engine.topology.Node;
import org.rsvpconsole.engine.topology.RouteLookup;
import org.rsvpconsole.engine.topology.Topology;

/**
 * All an {@link RsvpNode} needs from the network it runs on: its interfaces (as a {@link Topology} holding its
 * node), the event loop that owns its state, sending IP datagrams out of an interface, and the routes. The virtual
 * network implements it for every node; {@code engine.rawip} implements it for one node on a Linux host.
 *
 * <p>Datagrams are whole IP datagrams as {@link org.rsvpconsole.engine.capture.IpEncapsulation} builds them
 * (header, Router Alert option when set, RSVP message); received ones come back through
 * {@link RsvpNode#receive} on the scheduler's thread.
 */
public interface NodeTransport {

    /** The nodes, interfaces, addresses and reservable bandwidths the node sees. */
    Topology topology();

    /** The event loop: every call into the node runs on its thread. */
    Scheduler scheduler();

    /** Sends {@code datagram} out of {@code out}, toward the neighbour the IP destination is routed to. */
    void send(Interface out, byte[] datagram);

    /** The unicast routes in force now. */
    RouteLookup routing();

    /** The multicast tree from {@code source} to the current members of {@code group}. */
    MulticastTree multicastTree(Node source, IpAddress group);

    /** The receivers of multicast {@code group}. */
    Set<Node> members(IpAddress group);

    /**
     * Whether the topology's link ends are the real neighbours (the virtual network) rather than stand-ins (one
     * host on a real network, which learns its neighbours from what they send): Hello (RFC 3209 §5) is then only
     * sent to neighbours that have spoken.
     */
    default boolean neighboursKnown() {
        return true;
    }
}
