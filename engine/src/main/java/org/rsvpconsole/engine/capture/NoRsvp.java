package org.rsvpconsole.engine.capture;

/**
 * A frame that holds no RSVP message, and why: not an error, captures are full of other traffic.
 *
 * @param detail the reason in words, e.g. "IPv4 protocol 6 (not RSVP)"
 */
public record NoRsvp(long frameNumber, Reason reason, String detail) implements Extraction {

    /** Why a frame yields no RSVP message. */
    public enum Reason {
        /** The link type is not one {@link RsvpExtractor} can take IP out of. */
        UNSUPPORTED_LINK_TYPE,
        /** The link layer carries something other than IPv4 or IPv6. */
        NOT_IP,
        /** The IP header is truncated or invalid. */
        BAD_IP_HEADER,
        /** A fragment other than the first: its bytes are the middle or end of a datagram (no reassembly). */
        NON_FIRST_FRAGMENT,
        /** IP that carries neither protocol 46 nor UDP to or from ports 1698/1699. */
        NOT_RSVP
    }
}
