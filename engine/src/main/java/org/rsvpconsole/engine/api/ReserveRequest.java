package org.rsvpconsole.engine.api;

import java.util.Objects;

/**
 * An operator's reservation between two hosts: the sender host sends Path with {@code tspec} from {@code port} to
 * the receiver host's address and {@code port} (UDP), and the receiver reserves {@code flow} in {@code style}.
 */
public record ReserveRequest(String senderHost, String receiverHost, int port, TrafficSpec tspec, FlowRequest flow,
                             ReservationStyle style) {

    public ReserveRequest {
        Objects.requireNonNull(senderHost, "senderHost");
        Objects.requireNonNull(receiverHost, "receiverHost");
        Objects.requireNonNull(tspec, "tspec");
        Objects.requireNonNull(flow, "flow");
        Objects.requireNonNull(style, "style");
        if (senderHost.equals(receiverHost)) {
            throw new IllegalArgumentException("sender and receiver must be different hosts");
        }
        if (port < 1 || port > 0xffff) {
            throw new IllegalArgumentException("port must be 1 to 65535: " + port);
        }
    }
}
