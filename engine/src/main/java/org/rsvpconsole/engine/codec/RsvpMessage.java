package org.rsvpconsole.engine.codec;

/**
 * An RSVP message: a common header (RFC 2205 §3.1.1) and either objects or, for a Bundle (RFC 2961 §3.1), whole
 * sub-messages. Length and checksum are not part of the value: the encoder computes them.
 *
 * <pre>
 *  0             1              2             3
 * +-------------+-------------+-------------+-------------+
 * | Vers | Flags|  Msg Type   |       RSVP Checksum       |
 * +-------------+-------------+-------------+-------------+
 * |  Send_TTL   | (Reserved)  |        RSVP Length        |
 * +-------------+-------------+-------------+-------------+
 * </pre>
 */
public sealed interface RsvpMessage permits ObjectMessage, BundleMessage {

    /** RFC 2205 §3.1.1: the only version. */
    int VERSION = 1;

    /** RFC 2961 §2: the sender supports refresh reduction. */
    int FLAG_REFRESH_REDUCTION_CAPABLE = 0x01;

    MessageType type();

    /** The 4-bit flags field of the common header. */
    int flags();

    /** The IP TTL the message was sent with (RFC 2205 §3.1.1), used to detect non-RSVP hops. */
    int sendTtl();
}
