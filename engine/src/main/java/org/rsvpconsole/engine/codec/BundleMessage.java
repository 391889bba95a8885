package org.rsvpconsole.engine.codec;

import java.util.List;

/**
 * RFC 2961 §3.1 Bundle message: a common header (type 12) followed by complete RSVP messages, none of them a
 * Bundle.
 */
public record BundleMessage(int flags, int sendTtl, List<ObjectMessage> messages) implements RsvpMessage {

    public BundleMessage {
        if ((flags & ~0xf) != 0 || sendTtl < 0 || sendTtl > 255) {
            throw new IllegalArgumentException("flags are 4 bits and Send_TTL 8 bits: " + flags + ", " + sendTtl);
        }
        messages = List.copyOf(messages);
    }

    @Override
    public MessageType type() {
        return MessageType.BUNDLE;
    }
}
