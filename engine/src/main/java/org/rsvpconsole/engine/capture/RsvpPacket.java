package org.rsvpconsole.engine.capture;

import java.time.Instant;
import java.util.Arrays;
import org.rsvpconsole.engine.api.IpAddress;

/**
 * One RSVP message found in a frame, with the IP facts a node would see. The RSVP bytes are not copied: they are
 * {@code length} bytes at {@code offset} of the frame's array (which must not be modified). Equality is identity
 * on that array, as for any record holding one.
 *
 * @param ttl         the IPv4 TTL or IPv6 hop limit the datagram arrived with
 * @param routerAlert true when the IPv4 Router Alert option (RFC 2113) or IPv6 hop-by-hop Router Alert (RFC 2711)
 *                    was present
 * @param truncated   true when the IP or UDP header declares more bytes than the frame holds (snap length)
 * @param fragment    true when the datagram is the first fragment of a fragmented one: the message is incomplete
 */
public record RsvpPacket(long frameNumber, Instant timestamp, IpAddress source, IpAddress destination,
                         Transport transport, boolean routerAlert, int ttl, byte[] frame, int offset, int length,
                         boolean truncated, boolean fragment) implements Extraction {

    public RsvpPacket {
        if (offset < 0 || length < 0 || offset + length > frame.length) {
            throw new IllegalArgumentException("RSVP bytes " + offset + "+" + length + " outside a frame of "
                + frame.length);
        }
    }

    /** A copy of the RSVP bytes (for callers that keep them beyond the frame). */
    public byte[] rsvpBytes() {
        return Arrays.copyOfRange(frame, offset, offset + length);
    }
}
