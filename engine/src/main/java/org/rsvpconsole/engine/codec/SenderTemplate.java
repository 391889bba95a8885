package org.rsvpconsole.engine.codec;

import java.util.Objects;

/**
 * RFC 2205 A.10 SENDER_TEMPLATE (Class-Num 11): the sender a Path message describes, in one of the
 * {@link SenderId} layouts (C-Types 1, 2, 3, RFC 3209 7/8, RFC 3175 9/10).
 */
public record SenderTemplate(SenderId sender) implements SenderDescriptor {

    public SenderTemplate {
        Objects.requireNonNull(sender, "sender");
    }

    @Override
    public int classNum() {
        return ObjectClass.SENDER_TEMPLATE;
    }
}
