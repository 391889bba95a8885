package org.rsvpconsole.engine.virtualnet;

/**
 * What one direction of a simulated link did with the datagrams handed to it. Every datagram sent is eventually
 * delivered, lost at random, or dropped because the link was down when it was sent or while it was in flight.
 *
 * @param sent handed to the link
 * @param delivered handed to the receiving node
 * @param lost dropped by the link's random loss
 * @param droppedDown dropped because the link was down
 */
public record LinkCounters(long sent, long delivered, long lost, long droppedDown) {

    /** Sent but not yet delivered or dropped. */
    public long inFlight() {
        return sent - delivered - lost - droppedDown;
    }
}
