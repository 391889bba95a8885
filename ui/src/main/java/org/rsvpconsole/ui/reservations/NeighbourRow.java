package org.rsvpconsole.ui.reservations;

import org.rsvpconsole.engine.api.NeighbourView;

/**
 * An RSVP neighbour of a node, as {@code show ip rsvp neighbor detail} lists them: refresh reduction (RFC 2961),
 * integrity (RFC 2747) and Hello (RFC 3209 §5) state with the message counters. Counter cells are text: "-" where
 * the node keeps no such counter (plain RFC 2205), {@link StateTablesViewModel#NOT_RECORDED} during replay.
 *
 * @param key              node and neighbour address, the row's identity
 * @param refreshReduction "capable", "not capable" or "-"
 * @param integrity        "off", or "key N" with the failures
 * @param hello            "up", "DOWN" or "-"
 * @param acks             acknowledgements sent / received
 * @param nacks            NACKs sent / received
 * @param srefreshIds      identifiers in Srefresh messages sent / received
 * @param view             the node's counters, null when not known (plain RFC 2205 node, replay)
 */
public record NeighbourRow(String key, String node, String neighbour, String interfaceName, String refreshReduction,
                           String integrity, long integrityFailures, String hello, String messagesIn,
                           String messagesOut, String retransmissions, String acks, String nacks, String srefreshIds,
                           String deliveryFailures, String unacknowledged, String lastHeard, NeighbourView view) {
}
