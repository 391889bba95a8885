package org.rsvpconsole.engine.codec;

import java.util.List;

/** What decoding bytes gives: a message, or a typed error with whatever could be decoded before it. */
public sealed interface DecodeResult permits DecodeResult.Decoded, DecodeResult.Malformed {

    /** The header as received, or null when there were not even 8 bytes. */
    CommonHeader header();

    /** A valid message. */
    record Decoded(CommonHeader header, RsvpMessage message) implements DecodeResult {
    }

    /**
     * An invalid message.
     *
     * @param objects the objects decoded before the fault (for a Bundle: those of the failing sub-message)
     * @param messages the whole sub-messages of a Bundle decoded before the fault
     */
    record Malformed(CommonHeader header, DecodeError error, List<RsvpObject> objects, List<ObjectMessage> messages)
        implements DecodeResult {

        public Malformed {
            objects = List.copyOf(objects);
            messages = List.copyOf(messages);
        }
    }
}
