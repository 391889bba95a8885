package org.rsvpconsole.engine.scenario;

import java.util.Objects;
import java.util.Optional;

/**
 * An aggregate of an RFC 3175 aggregation region as a scenario declares it (docs/scenario-format.md).
 *
 * @param name          what it is called ("Y")
 * @param aggregator    the node where microflows enter the region (the aggregate's sender)
 * @param deaggregator  the node where they leave it (the aggregate's receiver)
 * @param dscp          the DSCP the microflows are marked with (0..63)
 * @param bulkBps       the aggregate grows and shrinks in steps of this many bits/s
 * @param hysteresisBps it shrinks only when a step plus this much is unused
 * @param priority      the aggregate's RFC 3181 priorities on the interior links
 * @param line          where it is written
 */
public record AggregateSpec(String name, String aggregator, String deaggregator, int dscp, long bulkBps,
                            long hysteresisBps, Optional<Preemption> priority, int line) {

    public AggregateSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(aggregator, "aggregator");
        Objects.requireNonNull(deaggregator, "deaggregator");
        Objects.requireNonNull(priority, "priority");
        if (dscp < 0 || dscp > 63 || bulkBps <= 0 || hysteresisBps < 0) {
            throw new IllegalArgumentException("DSCP 0..63, bulk > 0, hysteresis >= 0");
        }
    }
}
