package org.rsvpconsole.engine.scenario;

import java.util.Objects;

/**
 * A sender as a reservation's filter names it (RFC 2205 FILTER_SPEC): the sending node and its source port.
 *
 * @param node the sending node
 * @param port the source port, 0 for none
 */
public record SenderRef(String node, int port) {

    public SenderRef {
        Objects.requireNonNull(node, "node");
        if (port < 0 || port > 0xffff) {
            throw new IllegalArgumentException("port " + port + " is out of range; use 0 to 65535");
        }
    }

    @Override
    public String toString() {
        return port == 0 ? node : node + ":" + port;
    }
}
