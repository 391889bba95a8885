package org.rsvpconsole.engine.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.rsvpconsole.engine.api.FlowRequest;
import org.rsvpconsole.engine.api.NeighbourView;
import org.rsvpconsole.engine.api.ReservationStyle;
import org.rsvpconsole.engine.api.RsvpEvent;
import org.rsvpconsole.engine.api.SenderAddress;
import org.rsvpconsole.engine.api.SessionId;
import org.rsvpconsole.engine.api.TrafficSpec;
import org.rsvpconsole.engine.capture.IpEncapsulation;
import org.rsvpconsole.engine.codec.DecodeResult;
import org.rsvpconsole.engine.codec.MessageId;
import org.rsvpconsole.engine.codec.MessageIdAck;
import org.rsvpconsole.engine.codec.MessageIdList;
import org.rsvpconsole.engine.codec.MessageIdSet;
import org.rsvpconsole.engine.codec.MessageType;
import org.rsvpconsole.engine.codec.ObjectMessage;
import org.rsvpconsole.engine.codec.RsvpCodec;
import org.rsvpconsole.engine.topology.Interface;
import org.rsvpconsole.engine.topology.Node;
import org.rsvpconsole.engine.topology.Topology;
import org.rsvpconsole.engine.topology.TopologyBuilder;

/** RFC 2961 refresh reduction between neighbours on the virtual network. */
class RefreshReductionTest {

    static final TrafficSpec TSPEC = TrafficSpec.of(10_000, 1000);
    static final NodeConfig RR = NodeConfig.DEFAULT.withNeighbours(
        NeighbourConfig.NONE.withRefreshReduction(NeighbourConfig.RefreshReduction.ON));

    /** H1 ── R1 ── R2 ── R3 ── H2. */
    static Topology chain(double loss) {
        TopologyBuilder b = Topology.builder().host("H1").router("R1").router("R2").router("R3").host("H2");
        b.defaults().bandwidth(1_000_000_000).delayNanos(Scenario.MS).loss(loss);
        b.link("H1", "R1");
        b.link("R1", "R2");
        b.link("R2", "R3");
        b.link("R3", "H2");
        return b.build();
    }

    static void establish(Scenario sc, int sessions) {
        for (int i = 0; i < sessions; i++) {
            SessionId s = new SessionId(sc.net.node("H2").address(), SessionId.UDP, 10_000 + i);
            sc.net.openReceiver("H2", s);
            SenderAddress a = sc.net.sender("H1", s, 20_000 + i, TSPEC);
            sc.net.reserve("H2", s, ReservationStyle.FF, FlowRequest.controlledLoad(TSPEC), List.of(a), false);
        }
    }

    static NeighbourView neighbour(Scenario sc, String node, String peer) {
        var peerAddresses = sc.net.topology().addressesOf(sc.net.topology().requireNode(peer));
        return sc.net.node(node).neighbourViews().stream().filter(v -> peerAddresses.contains(v.neighbour()))
            .findFirst().orElseThrow(() -> new AssertionError(node + " has no neighbour " + peer));
    }

    private static Interface itf(Scenario sc, String node, String toward) {
        Node n = sc.net.topology().requireNode(node);
        for (Interface i : sc.net.topology().interfacesOf(n)) {
            if (sc.net.topology().link(i).other(i).node().name().equals(toward)) {
                return i;
            }
        }
        throw new AssertionError(node + " has no link to " + toward);
    }

    /** Messages {@code node} sent toward {@code peer} from {@code since} on, by type. */
    static Map<String, Long> sentBetween(Scenario sc, String node, String peer, long since) {
        String ifName = itf(sc, node, peer).name();
        Map<String, Long> out = new java.util.TreeMap<>();
        for (RsvpEvent.MessageSent m : sc.events(RsvpEvent.MessageSent.class, node)) {
            if (m.timeNanos() >= since && m.interfaceName().equals(ifName)) {
                out.merge(m.messageType(), 1L, Long::sum);
            }
        }
        return out;
    }

    @Test
    void steadyStateRefreshesTravelAsSrefreshIdentifiersAndStateStays() {
        Scenario sc = new Scenario(chain(0), n -> RR, 1);
        establish(sc, 50);
        sc.run(Duration.ofMinutes(3));
        long from = sc.time.nowNanos();
        sc.run(Duration.ofMinutes(10));
        for (String n : List.of("R1", "R2", "R3")) {
            assertEquals(50, sc.net.node(n).pathStateCount(), n);
            assertEquals(50, sc.net.node(n).receivedReservationCount(), n);
        }
        assertEquals(50 * 10_000, sc.reserved("R1-R2", "R1"), 1e-6);
        // After set-up, no full Path or Resv crosses R1 ── R2: only Srefresh (and nothing else is needed).
        Map<String, Long> down = sentBetween(sc, "R1", "R2", from);
        Map<String, Long> up = sentBetween(sc, "R2", "R1", from);
        assertEquals(null, down.get("Path"), down.toString());
        assertEquals(null, up.get("Resv"), up.toString());
        assertTrue(down.getOrDefault("Srefresh", 0L) > 0, down.toString());
        assertTrue(up.getOrDefault("Srefresh", 0L) > 0, up.toString());
        NeighbourView r2 = neighbour(sc, "R1", "R2");
        assertTrue(r2.refreshReduction());
        // Every Path trigger R1 sent R2 was acknowledged; 10 minutes of 50 refreshes each went as identifiers.
        assertEquals(0, r2.unacknowledged());
        assertTrue(r2.acksReceived() >= 50, r2.toString());
        assertTrue(r2.srefreshIdsSent() >= 50 * 15, r2.toString());
        assertEquals(r2.srefreshIdsSent(), neighbour(sc, "R2", "R1").srefreshIdsReceived());
        assertEquals(0, neighbour(sc, "R2", "R1").nacksSent());
        // Refresh-reduction capability is reported once per neighbour.
        assertTrue(sc.events(RsvpEvent.NeighbourEvent.class, "R1").stream()
            .anyMatch(e -> e.kind().equals("RR_CAPABLE")));
        assertFalse(sc.net.node("R1").interfaceCounters(true).isEmpty());
    }

    @Test
    void aNeighbourWithoutRefreshReductionGetsPlainRefreshes() {
        Function<Node, NodeConfig> configs = n -> n.name().equals("R2") ? NodeConfig.DEFAULT : RR;
        Scenario sc = new Scenario(chain(0), configs, 1);
        establish(sc, 5);
        sc.run(Duration.ofMinutes(3));
        long from = sc.time.nowNanos();
        sc.run(Duration.ofMinutes(5));
        for (String n : List.of("R1", "R2", "R3")) {
            assertEquals(5, sc.net.node(n).pathStateCount(), n);
            assertEquals(5, sc.net.node(n).receivedReservationCount(), n);
        }
        NeighbourView r2 = neighbour(sc, "R1", "R2");
        assertFalse(r2.refreshReduction());
        assertEquals(0, r2.srefreshIdsSent());
        Map<String, Long> down = sentBetween(sc, "R1", "R2", from);
        assertEquals(null, down.get("Srefresh"), down.toString());
        assertTrue(down.getOrDefault("Path", 0L) >= 5 * 5, down.toString());
        // R2 sends nothing of RFC 2961: no MESSAGE_ID reached it from R1 either (R1 knows it is not capable).
        for (RsvpEvent.MessageSent m : sc.events(RsvpEvent.MessageSent.class, "R1")) {
            if (m.interfaceName().equals(itf(sc, "R1", "R2").name())) {
                ObjectMessage om = decode(m.datagram());
                assertTrue(om.first(MessageId.class).isEmpty(), "MESSAGE_ID sent to a neighbour without RR");
            }
        }
        // Between R2 and R3 there is no refresh reduction either; R3 and H2 use it.
        assertFalse(neighbour(sc, "R3", "R2").refreshReduction());
        assertTrue(neighbour(sc, "R3", "H2").refreshReduction());
    }

    @Test
    void anUnknownIdentifierInASrefreshIsAnsweredWithANackAndANackBringsTheFullMessage() {
        Scenario sc = new Scenario(chain(0), n -> RR, 1);
        establish(sc, 1);
        sc.run(Duration.ofMinutes(2));
        Interface r1ToR2 = itf(sc, "R1", "R2");
        Interface r2ToR1 = itf(sc, "R2", "R1");
        // A Srefresh "from R1" listing an identifier R2 never saw: R2 answers with MESSAGE_ID_NACK (RFC 2961 §5.4).
        int r1Epoch = decode(lastSent(sc, "R1", "Path").datagram()).first(MessageId.class).orElseThrow().epoch();
        ObjectMessage srefresh = ObjectMessage.of(MessageType.SREFRESH, 64,
            new MessageIdList.Ids(0, r1Epoch, MessageIdSet.of(999_999)));
        byte[] rsvp = RsvpCodec.encode(new ObjectMessage(MessageType.SREFRESH, 1, 64, srefresh.objects()));
        sc.net.virtualNetwork().send(r1ToR2, IpEncapsulation.of(r1ToR2.address(), r2ToR1.address(), 64)
            .wrap(rsvp, 0, rsvp.length));
        sc.settle();
        assertEquals(1, neighbour(sc, "R2", "R1").nacksSent());
        assertEquals(1, neighbour(sc, "R1", "R2").nacksReceived());
        // A NACK from R2 for the identifier of R1's Path state makes R1 send that Path in full, as a trigger.
        ObjectMessage path = decode(lastSent(sc, "R1", "Path").datagram());
        long pathId = path.first(MessageId.class).orElseThrow().messageId();
        int before = sc.sent("R1", "Path").size();
        byte[] nack = RsvpCodec.encode(new ObjectMessage(MessageType.ACK, 1, 64,
            List.of(new MessageIdAck(true, 0, r1Epoch, pathId))));
        sc.net.virtualNetwork().send(r2ToR1, IpEncapsulation.of(r2ToR1.address(), r1ToR2.address(), 64)
            .wrap(nack, 0, nack.length));
        sc.settle();
        assertEquals(before + 1, sc.sent("R1", "Path").size());
        long newId = decode(lastSent(sc, "R1", "Path").datagram()).first(MessageId.class).orElseThrow()
            .messageId();
        assertTrue(newId > pathId);
        assertEquals(0, neighbour(sc, "R1", "R2").unacknowledged());
    }

    @Test
    void messagesToOneNeighbourAtOneInstantTravelInABundle() {
        Scenario sc = new Scenario(chain(0), n -> RR, 1);
        establish(sc, 1);
        sc.run(Duration.ofMinutes(1));
        // Ten receivers reserve at the same instant: R3's ten Resv triggers to R2 leave as one Bundle.
        long from = sc.time.nowNanos();
        for (int i = 0; i < 10; i++) {
            SessionId s = new SessionId(sc.net.node("H2").address(), SessionId.UDP, 30_000 + i);
            sc.net.openReceiver("H2", s);
            sc.net.sender("H1", s, 40_000 + i, TSPEC);
        }
        sc.settle();
        for (int i = 0; i < 10; i++) {
            SessionId s = new SessionId(sc.net.node("H2").address(), SessionId.UDP, 30_000 + i);
            sc.net.reserve("H2", s, ReservationStyle.WF, FlowRequest.controlledLoad(TSPEC), List.of(), false);
        }
        sc.settle();
        assertEquals(11 * 10_000, sc.reserved("R1-R2", "R1"), 1e-6);
        List<RsvpEvent.MessageSent> bundles = sc.sent("R3", "Bundle").stream().filter(m -> m.timeNanos() >= from)
            .toList();
        assertFalse(bundles.isEmpty());
        DecodeResult d = RsvpCodec.decode(bundles.get(0).datagram(), 20, bundles.get(0).datagram().length - 20);
        var bundle = (org.rsvpconsole.engine.codec.BundleMessage) ((DecodeResult.Decoded) d).message();
        assertEquals(10, bundle.messages().size());
        assertTrue(bundle.messages().stream().allMatch(m -> m.type() == MessageType.RESV));
    }

    @Test
    void underThirtyPercentLossEveryTriggerIsAcknowledgedAndStateConverges() {
        NodeConfig patient = NodeConfig.DEFAULT.withNeighbours(NeighbourConfig.NONE.withRefreshReduction(
            NeighbourConfig.RefreshReduction.ON.withRetransmitLimit(12)));
        Scenario sc = new Scenario(chain(0.3), n -> patient, 5);
        establish(sc, 100);
        sc.run(Duration.ofMinutes(2));
        // Trigger messages (new Path and Resv state) converge within seconds, not refresh periods.
        for (String n : List.of("R1", "R2", "R3")) {
            assertEquals(100, sc.net.node(n).pathStateCount(), n);
        }
        assertEquals(100, sc.net.linkDirection("H1-R1", "H1").reservations().size());
        long retransmissions = 0;
        for (String n : List.of("H1", "R1", "R2", "R3", "H2")) {
            for (NeighbourView v : sc.net.node(n).neighbourViews()) {
                assertEquals(0, v.deliveryFailures(), n + " -> " + v);
                retransmissions += v.retransmissions();
            }
        }
        assertTrue(retransmissions > 50, "retransmissions: " + retransmissions);
        // Teardown is reliable too: every PathTear arrives, nothing waits for a timeout.
        long tearAt = sc.time.nowNanos();
        for (int i = 0; i < 100; i++) {
            sc.net.releaseSender("H1", new SessionId(sc.net.node("H2").address(), SessionId.UDP, 10_000 + i),
                20_000 + i);
        }
        sc.run(Duration.ofMinutes(1));
        for (String n : List.of("R1", "R2", "R3", "H2")) {
            assertEquals(0, sc.net.node(n).pathStateCount(), n);
        }
        // Backed-off retransmissions of the last messages (and their acknowledgements) may still be under way.
        sc.run(Duration.ofMinutes(10));
        for (var d : sc.net.linkDirections()) {
            assertEquals(0, d.reservations().size(), d.link());
        }
        long lastGone = sc.events(RsvpEvent.PathState.class).stream().mapToLong(RsvpEvent::timeNanos).max()
            .orElseThrow();
        assertTrue(lastGone - tearAt < Duration.ofMinutes(1).toNanos());
        for (String n : List.of("H1", "R1", "R2", "R3", "H2")) {
            for (NeighbourView v : sc.net.node(n).neighbourViews()) {
                // Every trigger message was acknowledged in the end: none given up, none still waiting.
                assertEquals(0, v.deliveryFailures(), n + " -> " + v);
                assertEquals(0, v.unacknowledged(), n + " -> " + v);
            }
        }
    }

    static RsvpEvent.MessageSent lastSent(Scenario sc, String node, String type) {
        List<RsvpEvent.MessageSent> l = sc.sent(node, type);
        return l.get(l.size() - 1);
    }

    static ObjectMessage decode(byte[] datagram) {
        IpHeader ip = IpHeader.parse(datagram);
        DecodeResult r = RsvpCodec.decode(datagram, ip.payloadOffset(), ip.payloadLength());
        return (ObjectMessage) ((DecodeResult.Decoded) r).message();
    }
}
