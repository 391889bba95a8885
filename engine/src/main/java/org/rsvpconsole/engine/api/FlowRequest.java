package org.rsvpconsole.engine.api;

import java.util.Objects;

/**
 * What a receiver reserves (RFC 2205 FLOWSPEC, RFC 2210 §3.2): the service, the token bucket it expects, and for
 * Guaranteed service the rate R (bytes/s) and slack S (microseconds).
 */
public record FlowRequest(ServiceClass service, TrafficSpec tspec, double rate, long slackMicros) {

    public FlowRequest {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(tspec, "tspec");
        if (service == ServiceClass.GUARANTEED && !(rate > 0)) {
            throw new IllegalArgumentException("Guaranteed service needs a rate R > 0: " + rate);
        }
        if (slackMicros < 0 || slackMicros > 0xffffffffL) {
            throw new IllegalArgumentException("slack must fit 32 bits unsigned: " + slackMicros);
        }
    }

    /** Controlled Load for the token bucket {@code tspec}. */
    public static FlowRequest controlledLoad(TrafficSpec tspec) {
        return new FlowRequest(ServiceClass.CONTROLLED_LOAD, tspec, 0, 0);
    }

    /** Guaranteed service at rate R bytes/s with slack S microseconds. */
    public static FlowRequest guaranteed(TrafficSpec tspec, double rateBytesPerSecond, long slackMicros) {
        return new FlowRequest(ServiceClass.GUARANTEED, tspec, rateBytesPerSecond, slackMicros);
    }

    /** The bandwidth this request takes on a link, bytes/s: r for Controlled Load, R for Guaranteed. */
    public double bandwidth() {
        return service == ServiceClass.GUARANTEED ? rate : tspec.rate();
    }
}
