package org.rsvpconsole.ui.aggregates;

import org.rsvpconsole.engine.api.SessionId;

/**
 * One line of the Aggregates tab: an RFC 3175 aggregate between its aggregator and deaggregator for one DSCP, the
 * bandwidth its deaggregator reserves for it and how many microflows it carries.
 *
 * @param microflows the microflows it carries, and how many it preempted ("4 (1 preempted)")
 * @param sizing     its bulk step and hysteresis (RFC 3175 §1.4.5)
 * @param priorities its RFC 3181 set-up/defending priorities on the interior links, "-" without
 */
public record AggregateRow(String key, String name, String aggregator, String deaggregator, int dscp,
                           double reservedBytesPerSecond, String reserved, int admitted, int preempted,
                           String microflows, String sizing, String priorities, SessionId session) {

    public String dscpText() {
        return Integer.toString(dscp);
    }
}
