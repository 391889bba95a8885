package org.rsvpconsole.ui;

import java.util.ArrayList;
import java.util.List;
import org.rsvpconsole.engine.api.FlowRequest;
import org.rsvpconsole.engine.api.Ipv4Address;
import org.rsvpconsole.engine.api.LinkDirectionView;
import org.rsvpconsole.engine.api.NetworkSnapshot;
import org.rsvpconsole.engine.api.ReservationStyle;
import org.rsvpconsole.engine.api.ReservationView;
import org.rsvpconsole.engine.api.SenderAddress;
import org.rsvpconsole.engine.api.SessionId;
import org.rsvpconsole.engine.api.TopologyView;
import org.rsvpconsole.engine.api.TrafficSpec;

/**
 * A hand-made network for view-model tests: h1 - r1 - r2 - h2, links l1, l2, l3 (1 Mbit/s = 125,000 bytes/s each
 * way), and snapshots with reservations placed where a test wants them.
 */
public final class SmallNetwork {

    public static final SessionId SESSION = new SessionId(Ipv4Address.of("10.0.0.2"), SessionId.UDP, 5000);
    public static final SessionId OTHER = new SessionId(Ipv4Address.of("10.0.0.2"), SessionId.UDP, 5002);
    public static final SenderAddress SENDER = new SenderAddress(Ipv4Address.of("10.0.0.1"), 5000);
    public static final TopologyView TOPOLOGY = new TopologyView("small", "h1 r1 r2 h2", List.of(
        new TopologyView.NodeView("h1", true, List.of(Ipv4Address.of("10.0.0.1")), "sender"),
        new TopologyView.NodeView("r1", false, List.of(Ipv4Address.of("10.1.0.1")), "router 1"),
        new TopologyView.NodeView("r2", false, List.of(Ipv4Address.of("10.1.0.2")), "router 2"),
        new TopologyView.NodeView("h2", true, List.of(Ipv4Address.of("10.0.0.2")), "receiver")), links());

    private static List<TopologyView.LinkView> links() {
        return List.of(new TopologyView.LinkView("l1", "h1", "eth0", "r1", "eth1", 125_000, 125_000),
            new TopologyView.LinkView("l2", "r1", "eth0", "r2", "eth1", 125_000, 125_000),
            new TopologyView.LinkView("l3", "r2", "eth0", "h2", "eth0", 125_000, 125_000));
    }

    private SmallNetwork() {
    }

    /** A Controlled-Load reservation of {@code bytesPerSecond} for {@code session} from h1. */
    public static ReservationView reservation(SessionId session, double bytesPerSecond) {
        return new ReservationView(session, ReservationStyle.FF, List.of(SENDER),
            FlowRequest.controlledLoad(TrafficSpec.of(bytesPerSecond, 1000)), bytesPerSecond);
    }

    /**
     * A snapshot where {@code session} is reserved from h1 to h2 at {@code bytesPerSecond} (directions listed from
     * the receiver's end, to check ordering) and nothing else.
     */
    public static NetworkSnapshot reservedPath(long nanos, SessionId session, double bytesPerSecond) {
        List<LinkDirectionView> d = new ArrayList<>();
        String[][] hops = {{"l3", "r2", "eth0", "h2"}, {"l2", "r1", "eth0", "r2"}, {"l1", "h1", "eth0", "r1"}};
        for (String[] h : hops) {
            d.add(new LinkDirectionView(h[0], h[1], h[2], h[3], true, 125_000, 125_000, 125_000 - bytesPerSecond,
                List.of(reservation(session, bytesPerSecond))));
        }
        String[][] back = {{"l3", "h2", "eth0", "r2"}, {"l2", "r2", "eth1", "r1"}, {"l1", "r1", "eth1", "h1"}};
        for (String[] h : back) {
            d.add(new LinkDirectionView(h[0], h[1], h[2], h[3], true, 125_000, 125_000, 125_000, List.of()));
        }
        return new NetworkSnapshot(nanos, d, List.of());
    }
}
