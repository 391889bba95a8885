package org.rsvpconsole.engine.sim;

import java.util.Objects;
import org.rsvpconsole.engine.api.LinkDirectionView;
import org.rsvpconsole.engine.virtualnet.LinkCounters;

/**
 * One direction of one link at the end of a run: its reservations and free bandwidth, the most that was reserved
 * on it at any time of the run, and how many datagrams it carried.
 *
 * @param peakReservedBytesPerSecond the highest total reserved during the run (0 when statistics were off)
 */
public record LinkReport(LinkDirectionView view, double peakReservedBytesPerSecond, LinkCounters datagrams) {

    public LinkReport {
        Objects.requireNonNull(view, "view");
        Objects.requireNonNull(datagrams, "datagrams");
    }

    /** What is reserved now, bytes/s. */
    public double reservedBytesPerSecond() {
        return view.capacityBytesPerSecond() - view.freeBytesPerSecond();
    }
}
