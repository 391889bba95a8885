package org.rsvpconsole.engine.node;

import java.util.Objects;
import org.rsvpconsole.engine.api.IpAddress;
import org.rsvpconsole.engine.api.SessionId;
import org.rsvpconsole.engine.api.SessionPriorities;

/**
 * One aggregate reservation of an RFC 3175 aggregation region: the end-to-end microflows that enter the region at
 * {@code aggregator} and leave it at {@code deaggregator} share one reservation per DSCP between the two.
 *
 * @param name            what the aggregate is called in events ("Y")
 * @param aggregator      the aggregator's address (the aggregate's sender)
 * @param deaggregator    the deaggregator's address (the aggregate's receiver)
 * @param dscp            the Diffserv code point the aggregator marks the microflows with (DCLASS, RFC 2996)
 * @param bulkBytesPerSecond the aggregate grows and shrinks in steps of this size (RFC 3175 §1.4.5)
 * @param hysteresisBytesPerSecond it shrinks only when at least a step plus this much is unused
 * @param priority        the aggregate's RFC 3181 priorities on the interior links
 */
public record AggregateConfig(String name, IpAddress aggregator, IpAddress deaggregator, int dscp,
                              double bulkBytesPerSecond, double hysteresisBytesPerSecond,
                              SessionPriorities priority) {

    /**
     * The protocol of the API name of an aggregate session ({@link #session}: deaggregator, 17, port = DSCP); on the
     * wire it is an RFC 3175 RSVP-AGGREGATE SESSION (deaggregator, DSCP) with the aggregator as its sender.
     */
    public static final int PROTOCOL = 17;

    public AggregateConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(aggregator, "aggregator");
        Objects.requireNonNull(deaggregator, "deaggregator");
        if (dscp < 0 || dscp > 63) {
            throw new IllegalArgumentException("a DSCP is 0 to 63: " + dscp);
        }
        if (!(bulkBytesPerSecond > 0) || hysteresisBytesPerSecond < 0) {
            throw new IllegalArgumentException("bulk must be above 0 and hysteresis not below 0");
        }
    }

    /** The API name of the aggregate reservation's session: to the deaggregator, port = DSCP. */
    public SessionId session() {
        return new SessionId(deaggregator, PROTOCOL, dscp);
    }
}
