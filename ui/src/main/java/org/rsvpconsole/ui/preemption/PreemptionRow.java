package org.rsvpconsole.ui.preemption;

import org.rsvpconsole.engine.api.RsvpEvent;
import org.rsvpconsole.engine.api.SessionId;

/**
 * One line of the preemption history: who took bandwidth from whom, where, how much and why (RFC 3181 priorities;
 * "reduced" is RFC 4495's partial preemption, "whole" a reservation preempted outright). The texts name the
 * sessions as the notices do: an RFC 3175 aggregate by its name ("aggregate Y"), a microflow of one by its
 * receiver ("microflow H8:6008 of Y"), any other by its session.
 */
public record PreemptionRow(String time, String node, String interfaceName, SessionId preemptor, SessionId victim,
                            String preemptorText, String victimText, String priorities, String kind, String taken,
                            String remaining, double takenBytesPerSecond, double remainingBytesPerSecond,
                            String explanation, RsvpEvent.Preempted event) {
}
