package org.rsvpconsole.engine.scenario;

import java.util.Objects;
import java.util.Optional;
import org.rsvpconsole.engine.api.IpAddress;
import org.rsvpconsole.engine.config.IpProtocols;

/**
 * A session as a scenario names it: the destination is a node of the topology (its address is the node's) or an
 * address (a multicast group, or an address of a node), plus the destination port and the IP protocol (RFC 2205
 * A.1 SESSION).
 *
 * @param name        the name under {@code sessions:}, or "" for a session written in place
 * @param node        the destination node, if given by name
 * @param address     the destination address, if given as an address
 * @param port        destination port, 0 for none
 * @param protocol    IP protocol number
 */
public record SessionRef(String name, Optional<String> node, Optional<IpAddress> address, int port, int protocol) {

    public SessionRef {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(address, "address");
        if (node.isPresent() == address.isPresent()) {
            throw new IllegalArgumentException("a session has a destination node or a destination address");
        }
        if (port < 0 || port > 0xffff) {
            throw new IllegalArgumentException("port " + port + " is out of range; use 0 to 65535");
        }
        if (protocol < 0 || protocol > 255) {
            throw new IllegalArgumentException("IP protocol " + protocol + " is out of range 0..255");
        }
    }

    /** A session to a node. */
    public static SessionRef toNode(String node, int port, int protocol) {
        return new SessionRef("", Optional.of(node), Optional.empty(), port, protocol);
    }

    /** The same session under a name. */
    public SessionRef named(String sessionName) {
        return new SessionRef(sessionName, node, address, port, protocol);
    }

    /** How messages and logs show it: the name, or {@code H3:5004/udp}. */
    public String label() {
        if (!name.isEmpty()) {
            return name;
        }
        return node.orElseGet(() -> address.orElseThrow().toString()) + ":" + port + "/" + IpProtocols.name(protocol);
    }

    @Override
    public String toString() {
        return label();
    }
}
