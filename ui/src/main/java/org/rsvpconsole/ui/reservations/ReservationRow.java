package org.rsvpconsole.ui.reservations;

import org.rsvpconsole.engine.api.SessionId;

/**
 * One line of the reservation table, in the habit of {@code show ip rsvp reservation}: a reservation request a
 * node holds (RSB) for a session, the senders it selects, the next hop it came from and the interface it reserves.
 */
public record ReservationRow(String node, SessionId session, String to, String from, String protocol, int destPort,
                             String sourcePort, String nextHop, String interfaceName, String style, String service,
                             double bandwidthBytesPerSecond, String bandwidth, String priorities, String state,
                             long installedNanos) {

    /** Identifies the row across updates: one RSB per node, session, interface and next hop. */
    public String key() {
        return node + "|" + session + "|" + interfaceName + "|" + nextHop;
    }
}
