package org.rsvpconsole.ui.preemption;

import org.rsvpconsole.engine.api.RsvpEvent;
import org.rsvpconsole.engine.api.SessionId;

/**
 * One line of the preemption history: who took bandwidth from whom, where, how much and why (RFC 3181 priorities;
 * "reduced" is RFC 4495's partial preemption, "whole" a reservation preempted outright).
 */
public record PreemptionRow(String time, String node, String interfaceName, SessionId preemptor, SessionId victim,
                            String priorities, String kind, String taken, String remaining,
                            double takenBytesPerSecond, double remainingBytesPerSecond, String explanation,
                            RsvpEvent.Preempted event) {

    public String preemptorText() {
        return preemptor.toString();
    }

    public String victimText() {
        return victim.toString();
    }
}
