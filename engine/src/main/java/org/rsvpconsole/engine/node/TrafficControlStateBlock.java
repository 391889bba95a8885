package org.rsvpconsole.engine.node;

import java.util.List;
import org.rsvpconsole.engine.api.FlowRequest;
import org.rsvpconsole.engine.api.ReservationStyle;
import org.rsvpconsole.engine.codec.SenderId;
import org.rsvpconsole.engine.topology.Interface;

/**
 * The reservation actually made on one outgoing interface (RFC 2209 §2 "TCSB"): the merge of the RSBs for that
 * interface, one per sender for FF (distinct reservations) and one per interface for WF and SE (shared).
 *
 * @param reserved bytes per second taken from the interface's ledger
 */
record TrafficControlStateBlock(Interface outgoing, ReservationStyle style, List<SenderId> senders,
                                FlowRequest flowspec, double reserved) {
}
