package org.rsvpconsole.ui.reservations;

import org.rsvpconsole.engine.api.SessionId;

/** One line of the sender table, in the habit of {@code show ip rsvp sender}: a node's path state for a sender. */
public record SenderRow(String node, SessionId session, String to, String from, String protocol, int destPort,
                        int sourcePort, String previousHop, String interfaceName, String bandwidth, String state) {

    public String key() {
        return node + "|" + session + "|" + from + ":" + sourcePort;
    }
}
