package org.rsvpconsole.engine.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rsvpconsole.engine.api.FlowRequest;
import org.rsvpconsole.engine.api.ReservationStyle;
import org.rsvpconsole.engine.api.RsvpEvent;
import org.rsvpconsole.engine.api.SenderAddress;
import org.rsvpconsole.engine.api.SessionId;
import org.rsvpconsole.engine.api.StateChange;
import org.rsvpconsole.engine.api.TrafficSpec;
import org.rsvpconsole.engine.tc.PathCharacterization;
import org.rsvpconsole.engine.topology.Topology;
import org.rsvpconsole.engine.topology.TopologyBuilder;

/** Path state along a chain (RFC 2205 §3.1.3) and a Fixed-Filter reservation back along it (§3.1.4). */
class PathAndFixedFilterTest {

    /** H1 ── R1 ── R2 ── H2, 10 Mbit/s each way, 1 ms per link. */
    static Topology chain() {
        TopologyBuilder b = Topology.builder().host("H1").router("R1").router("R2").host("H2");
        b.defaults().bandwidth(10_000_000).perFlow(4_000_000).delayNanos(Scenario.MS);
        b.link("H1", "R1");
        b.link("R1", "R2");
        b.link("R2", "H2");
        return b.build();
    }

    private final Scenario sc = new Scenario(chain());
    private final SessionId session = new SessionId(sc.net.node("H2").address(), SessionId.UDP, 5000);
    private final TrafficSpec tspec = TrafficSpec.of(100_000, 10_000);

    @Test
    void pathStateIsInstalledHopByHopWithTheAdspecComposed() {
        sc.net.openReceiver("H2", session);
        SenderAddress s1 = sc.net.sender("H1", session, 4000, tspec);
        sc.settle();
        for (String n : List.of("H1", "R1", "R2", "H2")) {
            assertEquals(1, sc.net.node(n).pathStateCount(), n);
        }
        List<RsvpEvent.PathState> installed = sc.events(RsvpEvent.PathState.class);
        assertEquals(List.of("H1", "R1", "R2", "H2"), installed.stream().map(RsvpEvent::node).toList());
        assertTrue(installed.stream().allMatch(e -> e.change() == StateChange.INSTALLED));
        // R1's previous hop is H1's interface, R2's is R1's interface toward R2.
        assertEquals(sc.net.topology().interfaceOf(sc.net.topology().requireNode("H1"), "eth0").orElseThrow()
            .address(), installed.get(1).previousHop());
        // ADSPEC at H2: three IS hops (H1, R1, R2), 3 ms latency, 1.25 MB/s bandwidth, MTU 1500,
        // Ctot = 3 * M = 4500 bytes, Dtot = 3 * 1500 * 8 / 10^7 s = 3 * 1200 us.
        PathCharacterization a = sc.net.node("H2").adspec(session, s1).orElseThrow();
        assertEquals(3, a.hops());
        assertEquals(3000, a.latencyMicros());
        assertEquals(1_250_000f, a.bandwidth());
        assertEquals(1500, a.mtu());
        assertEquals(4500, a.ctot());
        assertEquals(3600, a.dtot());
        assertEquals(false, a.generalBreak());
        // Every Path crossed the codec as bytes: H1, R1, R2 each sent one.
        assertEquals(1, sc.sent("R1", "Path").size());
    }

    @Test
    void fixedFilterReservationIsAdmittedOnEveryHopTowardTheSender() {
        sc.net.openReceiver("H2", session);
        SenderAddress s1 = sc.net.sender("H1", session, 4000, tspec);
        sc.settle();
        sc.net.reserve("H2", session, ReservationStyle.FF, FlowRequest.controlledLoad(tspec), List.of(s1), true);
        sc.settle();
        assertEquals(100_000, sc.reserved("R2-H2", "R2"), 1e-3);
        assertEquals(100_000, sc.reserved("R1-R2", "R1"), 1e-3);
        assertEquals(100_000, sc.reserved("H1-R1", "H1"), 1e-3);
        assertEquals(0, sc.reserved("R1-R2", "R2"), 1e-3);
        assertEquals(1_250_000 - 100_000, sc.net.linkDirection("R1-R2", "R1").freeBytesPerSecond(), 1e-3);
        // The sender hears of the reservation (RAPI upcall) and the receiver gets its ResvConf from H1.
        assertTrue(sc.events(RsvpEvent.ResvState.class, "H1").stream().anyMatch(e -> e.interfaceName().isEmpty()
            && e.change() == StateChange.INSTALLED));
        List<RsvpEvent.ConfirmationReceived> conf = sc.events(RsvpEvent.ConfirmationReceived.class, "H2");
        assertEquals(1, conf.size());
        assertEquals(sc.net.node("H1").address(), conf.get(0).confirmingNode());
    }

    @Test
    void teardownRemovesStateHopByHop() {
        sc.net.openReceiver("H2", session);
        SenderAddress s1 = sc.net.sender("H1", session, 4000, tspec);
        sc.settle();
        sc.net.reserve("H2", session, ReservationStyle.FF, FlowRequest.controlledLoad(tspec), List.of(s1), false);
        sc.settle();
        sc.net.releaseReservation("H2", session);
        sc.settle();
        assertEquals(0, sc.reserved("R1-R2", "R1"), 1e-9);
        assertEquals(1, sc.sent("R2", "ResvTear").size());
        assertEquals(1, sc.sent("R1", "ResvTear").size());
        assertEquals(1, sc.net.node("R1").pathStateCount());
        sc.net.releaseSender("H1", session, 4000);
        sc.settle();
        for (String n : List.of("H1", "R1", "R2", "H2")) {
            assertEquals(0, sc.net.node(n).pathStateCount(), n);
        }
        assertEquals(1, sc.sent("R2", "PathTear").size());
        assertTrue(sc.events(RsvpEvent.PathState.class, "R2").stream()
            .anyMatch(e -> e.change() == StateChange.TORN_DOWN));
    }

    @Test
    void refreshesKeepStateAndSilenceTimesItOut() {
        sc.net.openReceiver("H2", session);
        SenderAddress s1 = sc.net.sender("H1", session, 4000, tspec);
        sc.settle();
        sc.net.reserve("H2", session, ReservationStyle.FF, FlowRequest.controlledLoad(tspec), List.of(s1), false);
        sc.run(java.time.Duration.ofMinutes(10));
        assertEquals(1, sc.net.node("R1").pathStateCount());
        assertEquals(100_000, sc.reserved("R1-R2", "R1"), 1e-3);
        assertTrue(sc.sent("R1", "Path").size() >= 10, "refreshes about every 30 s");
        assertTrue(sc.events(RsvpEvent.PathState.class).stream().noneMatch(e -> e.change() == StateChange.TIMED_OUT));
    }
}
