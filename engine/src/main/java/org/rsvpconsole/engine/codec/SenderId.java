package org.rsvpconsole.engine.codec;

import org.rsvpconsole.engine.api.IpAddress;

/**
 * A sender's identity as SENDER_TEMPLATE (Class-Num 11, RFC 2205 A.10) and FILTER_SPEC (Class-Num 10, A.9) carry
 * it: both classes share every body layout, so a layout is one record and the object wraps it. The layout picks
 * the C-Type: 1/2 address and port, 3 IPv6 flow label, 7/8 RSVP-TE LSP (RFC 3209 §4.6), 9/10 aggregate
 * (RFC 3175 §3.1).
 */
public sealed interface SenderId permits IpSender, FlowLabelSender, LspTunnelSender, AggregateSender {

    /** The sender's address (the tunnel head end, or the aggregator). */
    IpAddress source();

    /** The C-Type of this layout, the same for SENDER_TEMPLATE and FILTER_SPEC. */
    int cType();

    /** Writes the object body. */
    void encodeBody(WireWriter out);

    /** Reports the body's fields in wire order. */
    void describe(FieldVisitor v);
}
