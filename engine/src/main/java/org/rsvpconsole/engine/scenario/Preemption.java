package org.rsvpconsole.engine.scenario;

import java.util.List;
import org.rsvpconsole.engine.api.SessionPriorities;

/**
 * A reservation's priorities (RFC 3181 preemption priority policy element): the priority it is set up with, which
 * must exceed the defending priority of reservations it would preempt, and the priority it defends itself with.
 * Higher values are higher priorities.
 *
 * @param setup    preemption priority, 0..65535
 * @param defend   defending priority, 0..65535
 * @param reduceTo bandwidths in bits/s the receiver can fall back to when its reservation is reduced (RFC 4495),
 *                 e.g. a codec ladder; it takes the highest that fits and gives up when none does; empty takes
 *                 exactly what the reduction leaves
 */
public record Preemption(int setup, int defend, List<Long> reduceTo) {

    public Preemption {
        if (setup < 0 || setup > 0xffff || defend < 0 || defend > 0xffff) {
            throw new IllegalArgumentException("priorities are 0 to 65535: setup " + setup + ", defend " + defend);
        }
        reduceTo = List.copyOf(reduceTo);
        for (long b : reduceTo) {
            if (b <= 0) {
                throw new IllegalArgumentException("a fall-back bandwidth must be above 0: " + b);
            }
        }
    }

    /** Priorities without fall-back bandwidths. */
    public Preemption(int setup, int defend) {
        this(setup, defend, List.of());
    }

    /** The priorities as the engine takes them. */
    public SessionPriorities priorities() {
        return new SessionPriorities(setup, defend);
    }

    /** The fall-back bandwidths in bytes per second, as the engine's receiver takes them. */
    public List<Double> reduceToBytesPerSecond() {
        return reduceTo.stream().map(bps -> bps / 8.0).toList();
    }
}
