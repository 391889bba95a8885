package org.rsvpconsole.engine.topology;

import java.util.Objects;

/**
 * One direction of a link, from one interface to the other, with what that direction offers. RSVP reserves per
 * outgoing interface, so each direction has its own budget (like {@code ip rsvp bandwidth TOTAL PER-FLOW}).
 *
 * @param from the sending interface
 * @param to the receiving interface
 * @param reservableBps total bandwidth RSVP may reserve in this direction, bits/s
 * @param perFlowMaxBps the most one reservation may take, bits/s (at most {@code reservableBps})
 * @param delayNanos one-way propagation delay
 * @param lossProbability chance that a datagram is lost, 0..1
 */
public record LinkDirection(Interface from, Interface to, long reservableBps, long perFlowMaxBps, long delayNanos,
                            double lossProbability) {

    public LinkDirection {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (reservableBps < 0 || perFlowMaxBps < 0 || perFlowMaxBps > reservableBps) {
            throw new IllegalArgumentException("need 0 <= per-flow (" + perFlowMaxBps + ") <= bandwidth ("
                + reservableBps + ")");
        }
        if (delayNanos < 0) {
            throw new IllegalArgumentException("negative delay: " + delayNanos);
        }
        if (!(lossProbability >= 0 && lossProbability <= 1)) {
            throw new IllegalArgumentException("loss must be within 0..1: " + lossProbability);
        }
    }

    @Override
    public String toString() {
        return from.qualifiedName() + "->" + to.qualifiedName() + " " + LinkUnits.formatBitsPerSecond(reservableBps)
            + " (per flow " + LinkUnits.formatBitsPerSecond(perFlowMaxBps) + "), "
            + LinkUnits.formatNanos(delayNanos) + ", loss " + lossProbability;
    }
}
