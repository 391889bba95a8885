package org.rsvpconsole.engine.codec;

/**
 * Why bytes are not a valid RSVP message: where ({@code offset} from the start of the RSVP common header),
 * what ({@code reason}, in words an operator can act on) and the error a node would answer with.
 *
 * @param error    the ERROR_SPEC code/value a node would send (RFC 2205 Appendix B)
 * @param offset   byte offset of the fault from the start of the RSVP message
 * @param reason   the fault in plain words
 * @param reaction whether a node answers with an error message or silently discards the message
 */
public record DecodeError(RsvpError error, int offset, String reason, Reaction reaction) {

    /** What a receiving node does with the message. */
    public enum Reaction {
        /** Nothing in the message can be trusted (header, length, checksum): drop it without answering. */
        DISCARD,
        /** Answer with PathErr/ResvErr carrying {@link DecodeError#error()} (RFC 2205 §3.10, Appendix B). */
        SEND_ERROR
    }

    @Override
    public String toString() {
        return "at byte " + offset + ": " + reason + " [" + error + ", " + reaction + "]";
    }
}
