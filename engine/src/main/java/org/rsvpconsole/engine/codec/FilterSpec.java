package org.rsvpconsole.engine.codec;

import java.util.Objects;

/**
 * RFC 2205 A.9 FILTER_SPEC (Class-Num 10): the sender a reservation (or one FF/SE flow descriptor) applies to,
 * in one of the {@link SenderId} layouts (C-Types 1, 2, 3, RFC 3209 7/8, RFC 3175 9/10).
 */
public record FilterSpec(SenderId sender) implements SenderDescriptor {

    public FilterSpec {
        Objects.requireNonNull(sender, "sender");
    }

    @Override
    public int classNum() {
        return ObjectClass.FILTER_SPEC;
    }
}
