package org.rsvpconsole.engine.api;

import java.util.List;

/**
 * What is reserved on one direction of one link, as {@code simulate} prints it and the console draws it.
 *
 * @param capacityBytesPerSecond the reservable bandwidth of the direction
 * @param freeBytesPerSecond     what is still free for new reservations
 */
public record LinkDirectionView(String link, String fromNode, String fromInterface, String toNode, boolean up,
                                double capacityBytesPerSecond, double perFlowMaxBytesPerSecond,
                                double freeBytesPerSecond, List<ReservationView> reservations) {
    public LinkDirectionView {
        reservations = List.copyOf(reservations);
    }

    /** What all reservations on this direction hold, in bytes per second. */
    public double reservedBytesPerSecond() {
        return reservations.stream().mapToDouble(ReservationView::reservedBytesPerSecond).sum();
    }

    /** What the reservations of {@code session} on this direction hold, in bytes per second. */
    public double reservedBytesPerSecond(SessionId session) {
        return reservations.stream().filter(r -> r.session().equals(session))
            .mapToDouble(ReservationView::reservedBytesPerSecond).sum();
    }
}
