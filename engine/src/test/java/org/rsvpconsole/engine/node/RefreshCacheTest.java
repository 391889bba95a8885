package org.rsvpconsole.engine.node;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rsvpconsole.engine.api.FlowRequest;
import org.rsvpconsole.engine.api.ReservationStyle;
import org.rsvpconsole.engine.api.RsvpEvent;
import org.rsvpconsole.engine.api.SenderAddress;
import org.rsvpconsole.engine.api.SessionId;
import org.rsvpconsole.engine.api.TrafficSpec;
import org.rsvpconsole.engine.codec.DecodeResult;
import org.rsvpconsole.engine.codec.IpSession;
import org.rsvpconsole.engine.codec.ObjectMessage;
import org.rsvpconsole.engine.codec.RsvpCodec;
import org.rsvpconsole.engine.codec.SenderTspec;

/**
 * Refreshes of unchanged state (decision 0014): the node resends the bytes it sent last, and a received refresh
 * identical to the one that installed the state only restarts its timer; any change still goes through in full.
 */
class RefreshCacheTest {

    private static final TrafficSpec TSPEC = TrafficSpec.of(100_000, 10_000);

    private final Scenario sc = new Scenario(PathAndFixedFilterTest.chain());
    private final SessionId s = new SessionId(sc.net.node("H2").address(), SessionId.UDP, 5000);

    private SenderAddress reserved() {
        sc.net.openReceiver("H2", s);
        SenderAddress a = sc.net.sender("H1", s, 1, TSPEC);
        sc.settle();
        sc.net.reserve("H2", s, ReservationStyle.FF, FlowRequest.controlledLoad(TSPEC), List.of(a), false);
        sc.settle();
        return a;
    }

    private static ObjectMessage decode(byte[] datagram) {
        IpHeader ip = IpHeader.parse(datagram);
        DecodeResult r = RsvpCodec.decode(datagram, ip.payloadOffset(), ip.payloadLength());
        return (ObjectMessage) ((DecodeResult.Decoded) r).message();
    }

    @Test
    void unchangedRefreshesAreTheSameBytesAndKeepTheStateForMuchLongerThanL() {
        reserved();
        int before = sc.sent("R1", "Path").size();
        // Ten minutes: about 20 refreshes each way, four times L (157.5 s).
        sc.run(Duration.ofMinutes(10));
        List<RsvpEvent.MessageSent> paths = sc.sent("R1", "Path");
        List<RsvpEvent.MessageSent> resvs = sc.sent("R2", "Resv");
        assertTrue(paths.size() - before >= 10, "refreshes went out: " + (paths.size() - before));
        for (RsvpEvent.MessageSent m : paths) {
            assertArrayEquals(paths.get(0).datagram(), m.datagram(), "every Path from R1 is the same");
            // Not built again: the datagram of the first Path is sent again (the link copies it).
            assertSame(paths.get(0).datagram(), m.datagram());
        }
        for (RsvpEvent.MessageSent m : resvs.subList(1, resvs.size())) {
            assertArrayEquals(resvs.get(0).datagram(), m.datagram(), "every Resv from R2 is the same");
            // The first Resv asked for nothing else, so its bytes are resent from the second on.
            assertSame(resvs.get(1).datagram(), m.datagram());
        }
        // Received refreshes after the first Path and Resv were recognised without decoding.
        int refreshesAtR2 = paths.size() - 1;
        assertTrue(sc.net.node("R2").unchangedRefreshes() >= refreshesAtR2, "R2 skipped "
            + sc.net.node("R2").unchangedRefreshes() + " of " + refreshesAtR2 + " Path refreshes and the Resvs");
        assertTrue(sc.net.node("R1").unchangedRefreshes() >= resvs.size() - 1);
        for (String router : List.of("R1", "R2")) {
            assertEquals(1, sc.net.node(router).pathStateCount(), router);
            assertEquals(1, sc.net.node(router).receivedReservationCount(), router);
        }
        assertEquals(100_000, sc.reserved("R1-R2", "R1"), 1e-6);
        assertTrue(sc.events(RsvpEvent.PathState.class).stream()
            .noneMatch(e -> e.change() == org.rsvpconsole.engine.api.StateChange.TIMED_OUT));
        // Every refresh received is still an event, skipped decoding or not.
        long receivedAtR2 = sc.events(RsvpEvent.MessageReceived.class, "R2").stream()
            .filter(m -> m.messageType().equals("Path")).count();
        assertEquals(sc.sent("R1", "Path").size(), receivedAtR2);
    }

    @Test
    void aChangeAfterCachedRefreshesIsProcessedAndTheRefreshesCarryIt() {
        SenderAddress a = reserved();
        sc.run(Duration.ofMinutes(2));
        TrafficSpec bigger = TrafficSpec.of(150_000, 10_000);
        sc.net.changeTspec("H1", s, a.port(), bigger);
        sc.settle();
        assertEquals(bigger, sc.net.node("R2").paths(s).get(a));
        sc.run(Duration.ofMinutes(2));
        List<RsvpEvent.MessageSent> paths = sc.sent("R1", "Path");
        ObjectMessage first = decode(paths.get(0).datagram());
        ObjectMessage last = decode(paths.get(paths.size() - 1).datagram());
        assertNotEquals(first.first(SenderTspec.class), last.first(SenderTspec.class));
        assertEquals(bigger, sc.net.node("H2").paths(s).get(a));
        // The receiver's reservation follows (FF request unchanged, 100,000 B/s) and is refreshed, not lost.
        sc.run(Duration.ofMinutes(5));
        assertEquals(100_000, sc.reserved("R1-R2", "R1"), 1e-6);
        assertEquals(1, sc.net.node("R1").receivedReservationCount());
    }

    @Test
    void aChangedReservationIsAppliedEvenBetweenIdenticalRefreshes() {
        SenderAddress a = reserved();
        sc.run(Duration.ofMinutes(2));
        sc.net.reserve("H2", s, ReservationStyle.FF, FlowRequest.controlledLoad(TrafficSpec.of(50_000, 10_000)),
            List.of(a), false);
        sc.settle();
        assertEquals(50_000, sc.reserved("R1-R2", "R1"), 1e-6);
        sc.run(Duration.ofMinutes(5));
        assertEquals(50_000, sc.reserved("R1-R2", "R1"), 1e-6);
        assertEquals(50_000, sc.reserved("H1-R1", "H1"), 1e-6);
    }

    @Test
    void fingerprintsSeparateBytesTtlAndInterface() {
        byte[] m = RsvpCodec.encode(ObjectMessage.of(org.rsvpconsole.engine.codec.MessageType.PATH, 63,
            new IpSession(s.destination(), 17, 0, 5000)));
        long f = RefreshFingerprint.of(m, 0, m.length, 63, 4);
        assertEquals(f, RefreshFingerprint.of(m.clone(), 0, m.length, 63, 4));
        assertNotEquals(f, RefreshFingerprint.of(m, 0, m.length, 62, 4));
        assertNotEquals(f, RefreshFingerprint.of(m, 0, m.length, 63, 5));
        byte[] other = m.clone();
        other[other.length - 1] ^= 1;
        assertNotEquals(f, RefreshFingerprint.of(other, 0, other.length, 63, 4));
        assertEquals(new IpSession(s.destination(), 17, 0, 5000), RefreshFingerprint.ipv4Session(m, 0, m.length));
        assertNull(RefreshFingerprint.ipv4Session(m, 0, 12));
    }
}
