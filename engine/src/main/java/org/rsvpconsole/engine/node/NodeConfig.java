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
 * @param tearCopies         how many copies of each PathTear and ResvTear this node sends (1 by default, as RFC 2205
 *                           has it); more on lossy links, so a teardown crosses them without falling back to the
 *                           next node's timeout (RFC 2205 §2.4). Not used where refresh reduction delivers the tear
 *                           reliably (RFC 2961 §4). See decision 0025.
 */
public record NodeConfig(long refreshPeriodNanos, int keepMultiplier, boolean rsvpEnabled, long errorTermC,
                         long errorTermDMicros, int initialTtl, NeighbourConfig neighbours, int tearCopies) {

    public static final NodeConfig DEFAULT =
        new NodeConfig(Duration.ofSeconds(30).toNanos(), 3, true, -1, -1, 64, NeighbourConfig.NONE, 1);

    public NodeConfig {
        if (refreshPeriodNanos < 1_000_000 || keepMultiplier < 1 || initialTtl < 1 || initialTtl > 255) {
            throw new IllegalArgumentException("need R >= 1 ms, K >= 1, TTL 1..255");
        }
        if (tearCopies < 1 || tearCopies > 16) {
            throw new IllegalArgumentException("need 1..16 copies of a teardown, not " + tearCopies);
        }
        neighbours = neighbours == null ? NeighbourConfig.NONE : neighbours;
    }

    /** A configuration that sends each teardown once. */
    public NodeConfig(long refreshPeriodNanos, int keepMultiplier, boolean rsvpEnabled, long errorTermC,
                      long errorTermDMicros, int initialTtl, NeighbourConfig neighbours) {
        this(refreshPeriodNanos, keepMultiplier, rsvpEnabled, errorTermC, errorTermDMicros, initialTtl, neighbours,
            1);
    }

    /** This configuration with another refresh period R. */
    public NodeConfig withRefreshPeriod(Duration r) {
        return new NodeConfig(r.toNanos(), keepMultiplier, rsvpEnabled, errorTermC, errorTermDMicros,
            initialTtl, neighbours, tearCopies);
    }

    /** This configuration as a router that does (or does not) run RSVP. */
    public NodeConfig withRsvp(boolean enabled) {
        return new NodeConfig(refreshPeriodNanos, keepMultiplier, enabled, errorTermC, errorTermDMicros,
            initialTtl, neighbours, tearCopies);
    }

    /** This configuration with refresh reduction, integrity or Hello toward neighbours. */
    public NodeConfig withNeighbours(NeighbourConfig n) {
        return new NodeConfig(refreshPeriodNanos, keepMultiplier, rsvpEnabled, errorTermC, errorTermDMicros,
            initialTtl, n, tearCopies);
    }

    /** This configuration with another K (RFC 2205 §3.7: "a larger K value for hops with high loss rate"). */
    public NodeConfig withKeepMultiplier(int k) {
        return new NodeConfig(refreshPeriodNanos, k, rsvpEnabled, errorTermC, errorTermDMicros, initialTtl,
            neighbours, tearCopies);
    }

    /** This configuration sending {@code copies} copies of every PathTear and ResvTear. */
    public NodeConfig withTearCopies(int copies) {
        return new NodeConfig(refreshPeriodNanos, keepMultiplier, rsvpEnabled, errorTermC, errorTermDMicros,
            initialTtl, neighbours, copies);
    }

    /** L = (K + 0.5) · 1.5 · R for a refresh period R (RFC 2205 §3.7). */
    public long lifetimeNanos(long refreshNanos) {
        return (long) ((keepMultiplier + 0.5) * 1.5 * refreshNanos);
    }
}
