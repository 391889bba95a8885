package org.rsvpconsole.engine.api;

import java.util.Objects;

/** A sender of a session as the API sees it (RFC 2205 A.9/A.10 FILTER_SPEC, SENDER_TEMPLATE): address and port. */
public record SenderAddress(IpAddress address, int port) {

    public SenderAddress {
        Objects.requireNonNull(address, "address");
        if ((port & ~0xffff) != 0) {
            throw new IllegalArgumentException("port is 16 bits: " + port);
        }
    }

    @Override
    public String toString() {
        return address + ":" + port;
    }
}
