package org.rsvpconsole.engine.capture;

/** What {@link RsvpExtractor} found in a frame: an RSVP message, or the reason there is none. */
public sealed interface Extraction permits RsvpPacket, NoRsvp {

    /** The frame's 1-based number. */
    long frameNumber();
}
