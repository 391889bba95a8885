package org.rsvpconsole.ui.reservations;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.rsvpconsole.engine.api.FlowRequest;
import org.rsvpconsole.engine.api.Ipv4Address;
import org.rsvpconsole.engine.api.ReservationStyle;
import org.rsvpconsole.engine.api.RsvpEvent;
import org.rsvpconsole.engine.api.SessionPriorities;
import org.rsvpconsole.engine.api.StateChange;
import org.rsvpconsole.engine.api.TrafficSpec;
import org.rsvpconsole.ui.SmallNetwork;
import org.rsvpconsole.ui.live.EventPump;

/** The state tables, as {@code show ip rsvp reservation} / {@code sender} / interfaces / neighbours show them. */
class StateTablesViewModelTest {

    private static final long S = 1_000_000_000L;

    private static RsvpEvent.ResvState resv(long t, String node, StateChange change, FlowRequest flow) {
        return new RsvpEvent.ResvState(t, node, 1, change, SmallNetwork.SESSION, ReservationStyle.FF, "eth0",
            Ipv4Address.of("10.1.0.2"), List.of(SmallNetwork.SENDER), flow);
    }

    private static EventPump.Batch batch(long t, RsvpEvent... events) {
        return new EventPump.Batch(List.of(events), null, t);
    }

    @Test
    void reservationRowsReadLikeShowIpRsvpReservation() {
        StateTablesViewModel m = new StateTablesViewModel(SmallNetwork.TOPOLOGY,
            s -> s.equals(SmallNetwork.SESSION) ? Optional.of(new SessionPriorities(300, 200)) : Optional.empty());
        FlowRequest g = FlowRequest.guaranteed(new TrafficSpec(10_000, 200, 10_000, 200, 200), 10_000, 10_000);
        m.apply(batch(S, resv(S, "r1", StateChange.INSTALLED, g)));
        ReservationRow r = m.reservations().get(0);
        assertEquals(List.of("r1", "h2", "h1", "UDP", 5000, "5000", "r2", "eth0", "FF", "RATE", "80 kbit/s",
            "300/200", "Installed"), List.of(r.node(), r.to(), r.from(), r.protocol(), r.destPort(), r.sourcePort(),
            r.nextHop(), r.interfaceName(), r.style(), r.service(), r.bandwidth(), r.priorities(), r.state()));
        assertEquals(1, m.sessionCountProperty().get());
        m.apply(batch(5 * S, resv(5 * S, "r1", StateChange.CHANGED, FlowRequest.controlledLoad(
            TrafficSpec.of(20_000, 1000)))));
        r = m.reservations().get(0);
        assertEquals(List.of("LOAD", "160 kbit/s", "Changed"), List.of(r.service(), r.bandwidth(), r.state()));
        assertEquals("0:00:04", m.age(r), "age counts from the first install");
        m.apply(batch(6 * S, resv(6 * S, "r1", StateChange.TORN_DOWN, g)));
        assertEquals(0, m.reservations().size());
        assertEquals(0, m.sessionCountProperty().get());
    }

    @Test
    void prioritiesAreADashWhereUnknown() {
        StateTablesViewModel m = new StateTablesViewModel(SmallNetwork.TOPOLOGY);
        m.apply(batch(S, resv(S, "r1", StateChange.INSTALLED, FlowRequest.controlledLoad(TrafficSpec.of(1000, 10)))));
        assertEquals("-", m.reservations().get(0).priorities());
    }

    @Test
    void sendersInterfacesAndNeighbours() {
        StateTablesViewModel m = new StateTablesViewModel(SmallNetwork.TOPOLOGY);
        RsvpEvent.PathState p = new RsvpEvent.PathState(S, "r1", 1, StateChange.INSTALLED, SmallNetwork.SESSION,
            SmallNetwork.SENDER, "eth1", Ipv4Address.of("10.0.0.1"), TrafficSpec.of(10_000, 200), List.of("eth0"));
        RsvpEvent.MessageReceived in = new RsvpEvent.MessageReceived(S, "r1", 2, "Path", SmallNetwork.SESSION,
            "eth1", Ipv4Address.of("10.0.0.1"), 100, new byte[100]);
        RsvpEvent.MessageSent out = new RsvpEvent.MessageSent(S, "r1", 3, "Path", SmallNetwork.SESSION, "eth0",
            Ipv4Address.of("10.0.0.2"), 100, new byte[100]);
        m.apply(new EventPump.Batch(List.of(p, in, out), SmallNetwork.reservedPath(S, SmallNetwork.SESSION, 10_000),
            S));
        SenderRow s = m.senders().get(0);
        assertEquals(List.of("r1", "h2", "h1", "h1", "eth1", "80 kbit/s"), List.of(s.node(), s.to(), s.from(),
            s.previousHop(), s.interfaceName(), s.bandwidth()));
        NeighbourRow n = m.neighbours().get(0);
        assertEquals(List.of("r1", "h1 (10.0.0.1)", "eth1", "1", "-", "-", "off", "-"), List.of(n.node(), n.neighbour(),
            n.interfaceName(), n.messagesIn(), n.messagesOut(), n.refreshReduction(), n.integrity(), n.hello()));
        InterfaceRow i = m.interfaces().stream().filter(x -> x.node().equals("r1") && x.interfaceName().equals("eth0"))
            .findFirst().orElseThrow();
        assertEquals(List.of("1 Mbit/s", "80 kbit/s", "920 kbit/s", 1, 1L), List.of(i.reservable(), i.reserved(),
            i.free(), i.reservations(), i.pathOut()));
        m.apply(batch(2 * S, new RsvpEvent.PathState(2 * S, "r1", 4, StateChange.TORN_DOWN, SmallNetwork.SESSION,
            SmallNetwork.SENDER, "eth1", Ipv4Address.of("10.0.0.1"), TrafficSpec.of(10_000, 200), List.of())));
        assertEquals(0, m.senders().size());
    }
}
