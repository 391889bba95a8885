package org.rsvpconsole.engine.api;

import java.util.Map;

/**
 * One neighbour as a node sees it: refresh reduction, integrity and Hello state with the message counters
 * (`show ip rsvp neighbor detail` / `show ip rsvp counters`).
 *
 * @param neighbour          the neighbour's address (its RSVP_HOP, or the IP source of messages without one)
 * @param interfaceName      the interface last used toward it, "" when not yet known
 * @param refreshReduction   whether it set the Refresh-Reduction-Capable flag on its last message (RFC 2961 §2)
 * @param capabilityKnown    whether that is known: false until a message of its own arrives (a ResvConf routed from
 *                           afar, or a node without refresh reduction itself, tells nothing)
 * @param helloState         "UP", "DOWN" or "" without Hello
 * @param sent               messages sent to it, by type name (Bundles count once, as "Bundle")
 * @param received           messages received from it, by type name (each message of a Bundle counts)
 * @param retransmissions    trigger messages sent again for lack of an acknowledgement
 * @param acksSent           MESSAGE_ID_ACK objects sent (piggybacked or in Ack messages)
 * @param acksReceived       MESSAGE_ID_ACK objects received
 * @param nacksSent          MESSAGE_ID_NACK objects sent (unknown identifiers in a Srefresh)
 * @param nacksReceived      MESSAGE_ID_NACK objects received
 * @param srefreshIdsSent    identifiers listed in Srefresh messages sent
 * @param srefreshIdsReceived identifiers received in Srefresh messages
 * @param deliveryFailures   trigger messages given up after the retransmission limit
 * @param unacknowledged     trigger messages still waiting for an acknowledgement
 * @param integrityFailures  messages from it dropped by integrity checking
 * @param integrityKeyId     the key identifier messages to it are signed with (RFC 2747 §3.1), -1 without a key
 */
public record NeighbourView(IpAddress neighbour, String interfaceName, boolean refreshReduction,
                            boolean capabilityKnown, String helloState,
                            Map<String, Long> sent, Map<String, Long> received, long retransmissions,
                            long acksSent, long acksReceived, long nacksSent, long nacksReceived,
                            long srefreshIdsSent, long srefreshIdsReceived, long deliveryFailures,
                            int unacknowledged, long integrityFailures, long integrityKeyId) {

    public NeighbourView {
        sent = Map.copyOf(sent);
        received = Map.copyOf(received);
    }

    /** Whether messages to and from it are signed and checked (RFC 2747). */
    public boolean integrity() {
        return integrityKeyId >= 0;
    }
}
