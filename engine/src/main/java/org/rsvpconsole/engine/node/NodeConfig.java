package org.rsvpconsole.engine.node;

import java.time.Duration;

/**
 * The protocol parameters of one node.
 *
 * @param refreshPeriodNanos R, the refresh period (RFC 2205 §3.7, default 30 s); refreshes are sent at random
 *                           intervals in [0.5R, 1.5R]
 * @param keepMultiplier     K, the number of refreshes that may be lost (RFC 2205 §3.7, default 3); state lives
 *                           L = (K + 0.5) · 1.5 · R after its last refresh
 * @param rsvpEnabled        false for a router that forwards IP but does not run RSVP (RFC 2205 §2.9)
 * @param errorTermC         this node's Guaranteed error term C in bytes (RFC 2212 §6); -1 takes the sender's M
 * @param errorTermDMicros   this node's error term D in microseconds; -1 takes one MTU's transmission time on the
 *                           outgoing link (interface MTUs come from the topology, {@code Interface.mtu})
 * @param initialTtl         the IP TTL (and Send_TTL) a host sends with
 * @param neighbours         refresh reduction, integrity and Hello toward neighbours (off by default)
 */
public record NodeConfig(long refreshPeriodNanos, int keepMultiplier, boolean rsvpEnabled, long errorTermC,
                         long errorTermDMicros, int initialTtl, NeighbourConfig neighbours) {

    public static final NodeConfig DEFAULT =
        new NodeConfig(Duration.ofSeconds(30).toNanos(), 3, true, -1, -1, 64, NeighbourConfig.NONE);

    public NodeConfig {
        if (refreshPeriodNanos < 1_000_000 || keepMultiplier < 1 || initialTtl < 1 || initialTtl > 255) {
            throw new IllegalArgumentException("need R >= 1 ms, K >= 1, TTL 1..255");
        }
        neighbours = neighbours == null ? NeighbourConfig.NONE : neighbours;
    }

    /** This configuration with another refresh period R. */
    public NodeConfig withRefreshPeriod(Duration r) {
        return new NodeConfig(r.toNanos(), keepMultiplier, rsvpEnabled, errorTermC, errorTermDMicros,
            initialTtl, neighbours);
    }

    /** This configuration as a router that does (or does not) run RSVP. */
    public NodeConfig withRsvp(boolean enabled) {
        return new NodeConfig(refreshPeriodNanos, keepMultiplier, enabled, errorTermC, errorTermDMicros,
            initialTtl, neighbours);
    }

    /** This configuration with refresh reduction, integrity or Hello toward neighbours. */
    public NodeConfig withNeighbours(NeighbourConfig n) {
        return new NodeConfig(refreshPeriodNanos, keepMultiplier, rsvpEnabled, errorTermC, errorTermDMicros,
            initialTtl, n);
    }

    /** L = (K + 0.5) · 1.5 · R for a refresh period R (RFC 2205 §3.7). */
    public long lifetimeNanos(long refreshNanos) {
        return (long) ((keepMultiplier + 0.5) * 1.5 * refreshNanos);
    }
}
