package org.rsvpconsole.engine.topology;

import org.rsvpconsole.engine.api.IpAddress;

/**
 * Where {@code from} sends a datagram for {@code destination}: out of {@code outgoing} to the neighbour's
 * interface {@code nextHop}. RSVP sends Path messages this way and learns from it the interface whose bandwidth a
 * reservation takes (RFC 2205 §3.1.3, the route query of RFC 2209 §4).
 *
 * @param from the node asking
 * @param destination the node that has the destination address
 * @param outgoing the interface of {@code from} to send on
 * @param nextHop the neighbour's interface at the other end of that link
 * @param distance the sum of link metrics to {@code destination}
 * @param gateway the address the datagram is sent to on that link: {@code nextHop}'s address on the virtual
 *     network; on a real host the kernel's gateway (or the destination itself on link), since there
 *     {@code nextHop} is a stand-in
 */
public record Route(Node from, Node destination, Interface outgoing, Interface nextHop, long distance,
                    IpAddress gateway) {

    public Route {
        java.util.Objects.requireNonNull(gateway, "gateway");
    }

    public Route(Node from, Node destination, Interface outgoing, Interface nextHop, long distance) {
        this(from, destination, outgoing, nextHop, distance, nextHop.address());
    }

    /** The next hop's address: where the datagram goes on the outgoing link. */
    public IpAddress nextHopAddress() {
        return gateway;
    }

    public Node nextNode() {
        return nextHop.node();
    }

    @Override
    public String toString() {
        return from + " -> " + destination + " via " + outgoing.qualifiedName() + " to " + nextHop + " (distance "
            + distance + ")";
    }
}
