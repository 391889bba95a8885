package org.rsvpconsole.ui.events;

import java.util.Optional;
import org.rsvpconsole.engine.api.RsvpEvent;

/**
 * What a neighbour event (refresh reduction RFC 2961, integrity RFC 2747, Hello RFC 3209 §5) means, in the words
 * of the event log and of the operator's notifications.
 */
public final class NeighbourWords {

    private NeighbourWords() {
    }

    /** The event's kind as the log says it. */
    public static String kind(String kind) {
        return switch (kind) {
            case "RR_CAPABLE" -> "refresh-reduction capable";
            case "RR_NOT_CAPABLE" -> "not refresh-reduction capable";
            case "DELIVERY_FAILED" -> "delivery failed";
            case "INTEGRITY_FAILED" -> "integrity check failed";
            case "INTEGRITY_HANDSHAKE" -> "integrity handshake done";
            case "HELLO_UP" -> "Hello up";
            case "HELLO_DOWN" -> "Hello DOWN";
            default -> kind;
        };
    }

    /** One line for the event log; {@code neighbour} names the neighbour (its node and address). */
    public static String summary(RsvpEvent.NeighbourEvent n, String neighbour) {
        return "neighbour " + neighbour + (n.interfaceName().isEmpty() ? "" : " on " + n.interfaceName()) + ": "
            + kind(n.kind()) + " (" + n.detail() + ")";
    }

    /** The notification for a neighbour event that is a problem (integrity, Hello down, delivery); else empty. */
    public static Optional<String> notice(RsvpEvent.NeighbourEvent n, String neighbour) {
        String on = n.interfaceName().isEmpty() ? "" : " on " + n.interfaceName();
        return Optional.ofNullable(switch (n.kind()) {
            case "INTEGRITY_FAILED" -> {
                // The engine's detail reads "<message type> dropped: <why>".
                int cut = n.detail().indexOf(" dropped: ");
                String what = cut > 0 ? "a " + n.detail().substring(0, cut) : "a message";
                String why = cut > 0 ? n.detail().substring(cut + " dropped: ".length()) : n.detail();
                yield n.node() + " dropped " + what + " from " + neighbour + on + ": it failed the integrity check ("
                    + why + "). Check that both ends use the same key (key id and secret).";
            }
            case "HELLO_DOWN" -> n.node() + " lost its neighbour " + neighbour + on + ": " + n.detail() + ".";
            case "DELIVERY_FAILED" -> n.node() + " could not deliver to " + neighbour + on + ": " + n.detail()
                + ". The link may be losing messages.";
            default -> null;
        });
    }
}
