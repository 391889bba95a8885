package org.rsvpconsole.persistence;

import java.util.List;
import org.rsvpconsole.engine.api.IpAddress;
import org.rsvpconsole.engine.api.ReservationStyle;
import org.rsvpconsole.engine.api.RsvpEvent;
import org.rsvpconsole.engine.api.SenderAddress;
import org.rsvpconsole.engine.api.SessionId;
import org.rsvpconsole.engine.api.StateChange;
import org.rsvpconsole.engine.api.TopologyView;
import org.rsvpconsole.engine.api.TrafficSpec;
import org.rsvpconsole.persistence.api.HistoryEntry;

/** Small synthetic histories: a two-router line and reservations that come and go. */
public final class Histories {

    public static final long T0 = 1_700_000_000_000_000_000L;
    public static final SessionId S1 = SessionId.udp("10.0.0.9", 5000);
    public static final SenderAddress SENDER = new SenderAddress(IpAddress.parse("10.0.0.1").orElseThrow(), 4000);

    private Histories() {
    }

    public static HistoryEntry.Topology topology() {
        return new HistoryEntry.Topology(T0, 1, new TopologyView("line", "", List.of(
            new TopologyView.NodeView("r1", false, List.of(IpAddress.parse("10.0.0.1").orElseThrow()), ""),
            new TopologyView.NodeView("r2", false, List.of(IpAddress.parse("10.0.0.2").orElseThrow()), "")),
            List.of(new TopologyView.LinkView("l1", "r1", "eth0", "r2", "eth0", 1_000_000, 1_000_000))));
    }

    public static HistoryEntry path(long at, long seq, String node, StateChange change) {
        return new HistoryEntry.Engine(at, new RsvpEvent.PathState(at - T0, node, seq, change, S1, SENDER, "",
            SENDER.address(), new TrafficSpec(1000, 1000, 2000, 64, 1500), List.of("eth0")));
    }

    public static HistoryEntry reservation(long at, long seq, double reserved) {
        return new HistoryEntry.Engine(at, new RsvpEvent.Reservation(at - T0, "r1", seq, S1, ReservationStyle.FF,
            "eth0", List.of(SENDER), reserved, 1_000_000 - reserved));
    }

    public static HistoryEntry message(long at, long seq, String node) {
        return new HistoryEntry.Engine(at, new RsvpEvent.MessageSent(at - T0, node, seq, "Path", S1, "eth0",
            S1.destination(), 96, new byte[96]));
    }
}
