package org.rsvpconsole.engine.topology;

import java.util.Optional;
import org.rsvpconsole.engine.api.IpAddress;

/**
 * The route query of RFC 2209 §4 as a node asks it: where {@code from} sends a datagram for an address. The
 * virtual network answers from its {@link RoutingTable}; a host's kernel answers on a real network.
 */
@FunctionalInterface
public interface RouteLookup {

    /** The route toward {@code destination}; empty if unreachable or the address is {@code from}'s own. */
    Optional<Route> route(Node from, IpAddress destination);
}
