package org.rsvpconsole.engine.codec;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Any RSVP message other than a Bundle: its header fields and its objects in wire order.
 *
 * @param objects every object as received (including unknown and NULL ones), in order
 */
public record ObjectMessage(MessageType type, int flags, int sendTtl, List<RsvpObject> objects)
    implements RsvpMessage {

    public ObjectMessage {
        if (type == MessageType.BUNDLE) {
            throw new IllegalArgumentException("a Bundle holds messages, not objects: use BundleMessage");
        }
        if ((flags & ~0xf) != 0 || sendTtl < 0 || sendTtl > 255) {
            throw new IllegalArgumentException("flags are 4 bits and Send_TTL 8 bits: " + flags + ", " + sendTtl);
        }
        // The decoder's ObjectList is already immutable and exactly sized: no second copy on the hot path.
        objects = objects instanceof ObjectList<RsvpObject> ? objects : List.copyOf(objects);
    }

    public static ObjectMessage of(MessageType type, int sendTtl, RsvpObject... objects) {
        return new ObjectMessage(type, 0, sendTtl, List.of(objects));
    }

    /** The first object of the given type, if any. */
    public <T extends RsvpObject> Optional<T> first(Class<T> kind) {
        for (RsvpObject o : objects) {
            if (kind.isInstance(o)) {
                return Optional.of(kind.cast(o));
            }
        }
        return Optional.empty();
    }

    /** Every object of the given type, in order. */
    public <T extends RsvpObject> List<T> all(Class<T> kind) {
        List<T> out = new ArrayList<>();
        for (RsvpObject o : objects) {
            if (kind.isInstance(o)) {
                out.add(kind.cast(o));
            }
        }
        return out;
    }

    /**
     * The first object that obliges a node to reject this message under RFC 2205 §3.10: an unknown C-Type of a
     * known class ("Unknown object C-Type"). Unknown classes whose rule is REJECT never reach a decoded message.
     */
    public Optional<UnknownObject> firstRejectedObject() {
        for (RsvpObject o : objects) {
            if (o instanceof UnknownObject u && u.rule() == ObjectClass.UnknownClassRule.REJECT) {
                return Optional.of(u);
            }
        }
        return Optional.empty();
    }
}
