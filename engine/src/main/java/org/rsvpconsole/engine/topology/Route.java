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
 */
public record Route(Node from, Node destination, Interface outgoing, Interface nextHop, long distance) {

    public IpAddress nextHopAddress() {
        return nextHop.address();
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
