package org.rsvpconsole.engine.virtualnet;

import org.rsvpconsole.engine.topology.Interface;

/** Receives the datagrams that arrive at a node of the virtual network, on the scheduler's thread. */
@FunctionalInterface
public interface DatagramSink {

    /**
     * A datagram arrived.
     *
     * @param arrivedOn the receiving node's interface it arrived on
     * @param datagram the bytes, owned by the receiver from now on
     */
    void receive(Interface arrivedOn, byte[] datagram);
}
