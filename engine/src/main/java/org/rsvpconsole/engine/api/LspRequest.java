package org.rsvpconsole.engine.api;

import java.util.List;
import java.util.Objects;

/**
 * What a head end is asked to signal (RFC 3209): a tunnel to {@code tailEnd}, its bandwidth, an explicit route
 * (empty: routed hop by hop), SESSION_ATTRIBUTE priorities and flags, and whether to record the route.
 *
 * @param name            the SESSION_ATTRIBUTE session name
 * @param bandwidthBytesPerSecond the SENDER_TSPEC token rate (and peak) the LSP reserves
 * @param setupPriority   0 (best) to 7 (§4.7.1): may preempt LSPs holding with a worse priority
 * @param holdingPriority 0 (best) to 7: defends against LSPs set up with a worse priority; never worse than setup
 * @param recordRoute     send a RECORD_ROUTE (§4.4)
 * @param labelRecording  SESSION_ATTRIBUTE flag 0x02: ask the hops to record their labels too
 * @param seStyle         SESSION_ATTRIBUTE flag 0x04: ask the tail for a Shared Explicit reservation, which
 *                        make-before-break needs (§2.5)
 * @param localProtection SESSION_ATTRIBUTE flag 0x01 (carried and shown; no node here offers protection)
 */
public record LspRequest(String name, IpAddress tailEnd, int tunnelId, int lspId, double bandwidthBytesPerSecond,
                         List<ExplicitHop> explicitRoute, int setupPriority, int holdingPriority,
                         boolean recordRoute, boolean labelRecording, boolean seStyle, boolean localProtection) {

    public LspRequest {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(tailEnd, "tailEnd");
        explicitRoute = List.copyOf(explicitRoute);
        if (setupPriority < 0 || setupPriority > 7 || holdingPriority < 0 || holdingPriority > 7) {
            throw new IllegalArgumentException("priorities are 0 (best) to 7: setup " + setupPriority + ", hold "
                + holdingPriority);
        }
        if (holdingPriority > setupPriority) {
            // RFC 3209 §4.7.1: the holding priority SHOULD NOT be lower than the setup priority (no flapping).
            throw new IllegalArgumentException("holding priority " + holdingPriority + " is worse than setup "
                + setupPriority + ": an LSP could preempt and then be preempted by the one it preempted"
                + " (RFC 3209 §4.7.1)");
        }
        if (!(bandwidthBytesPerSecond > 0) || Double.isInfinite(bandwidthBytesPerSecond)) {
            throw new IllegalArgumentException("bandwidth must be positive: " + bandwidthBytesPerSecond);
        }
        if ((tunnelId & ~0xffff) != 0 || (lspId & ~0xffff) != 0) {
            throw new IllegalArgumentException("tunnel ID and LSP ID are 16 bits: " + tunnelId + ", " + lspId);
        }
    }

    /** A tunnel with default attributes: priorities 7/7, RECORD_ROUTE with labels, SE style. */
    public static LspRequest of(String name, IpAddress tailEnd, int tunnelId, double bandwidthBytesPerSecond,
                                List<ExplicitHop> route) {
        return new LspRequest(name, tailEnd, tunnelId, 1, bandwidthBytesPerSecond, route, 7, 7, true, true, true,
            false);
    }

    public LspRequest withPriorities(int setup, int hold) {
        return new LspRequest(name, tailEnd, tunnelId, lspId, bandwidthBytesPerSecond, explicitRoute, setup, hold,
            recordRoute, labelRecording, seStyle, localProtection);
    }

    /** The SESSION_ATTRIBUTE flags (§4.7.1). */
    public int flags() {
        return (localProtection ? 0x01 : 0) | (labelRecording ? 0x02 : 0) | (seStyle ? 0x04 : 0);
    }
}
