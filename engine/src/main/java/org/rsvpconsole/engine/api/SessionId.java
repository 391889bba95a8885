package org.rsvpconsole.engine.api;

import java.util.Objects;

/**
 * An RSVP session as the API sees it (RFC 2205 §1.1, A.2 SESSION): destination address, IP protocol and
 * destination port (0 when the session does not use ports).
 */
public record SessionId(IpAddress destination, int protocol, int port) {

    /** UDP, the usual protocol of a reserved flow. */
    public static final int UDP = 17;

    public SessionId {
        Objects.requireNonNull(destination, "destination");
        if ((protocol & ~0xff) != 0 || (port & ~0xffff) != 0) {
            throw new IllegalArgumentException("protocol is 8 bits and port 16: " + protocol + ", " + port);
        }
    }

    /** A UDP session to {@code destination}:{@code port}. */
    public static SessionId udp(String destination, int port) {
        return new SessionId(IpAddress.of(destination), UDP, port);
    }

    @Override
    public String toString() {
        return destination + "/" + protocol + "/" + port;
    }
}
