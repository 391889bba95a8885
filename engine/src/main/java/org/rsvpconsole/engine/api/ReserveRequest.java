package org.rsvpconsole.engine.api;

import java.util.Objects;
import java.util.Optional;

/**
 * An operator's reservation between two hosts: the sender host sends Path with {@code tspec} from {@code port} to
 * the receiver host's address and {@code port} (UDP), and the receiver reserves {@code flow} in {@code style},
 * with RFC 3181 set-up and defending priorities when {@code priorities} is present.
 */
public record ReserveRequest(String senderHost, String receiverHost, int port, TrafficSpec tspec, FlowRequest flow,
                             ReservationStyle style, Optional<SessionPriorities> priorities) {

    /** A request without priorities. */
    public ReserveRequest(String senderHost, String receiverHost, int port, TrafficSpec tspec, FlowRequest flow,
                          ReservationStyle style) {
        this(senderHost, receiverHost, port, tspec, flow, style, Optional.empty());
    }

    public ReserveRequest {
        Objects.requireNonNull(priorities, "priorities");
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
