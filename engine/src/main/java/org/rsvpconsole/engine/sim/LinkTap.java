package org.rsvpconsole.engine.sim;

import org.rsvpconsole.engine.topology.Interface;

/**
 * Sees every datagram that crossed a link, as it arrives at the far end (so lost datagrams and datagrams sent into
 * a link that is down are not seen). Called on the simulation thread; must not modify the datagram.
 */
@FunctionalInterface
public interface LinkTap {

    /**
     * @param timeNanos virtual time of arrival
     * @param in        the interface it arrived on (the link direction is the one toward {@code in})
     * @param datagram  the whole IP datagram as it crossed the link
     */
    void datagram(long timeNanos, Interface in, byte[] datagram);
}
