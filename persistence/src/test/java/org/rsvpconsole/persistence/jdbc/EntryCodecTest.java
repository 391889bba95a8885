package org.rsvpconsole.persistence.jdbc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.rsvpconsole.engine.api.AggregateView;
import org.rsvpconsole.engine.api.ExplicitHop;
import org.rsvpconsole.engine.api.FlowRequest;
import org.rsvpconsole.engine.api.IpAddress;
import org.rsvpconsole.engine.api.LabelEntry;
import org.rsvpconsole.engine.api.LspId;
import org.rsvpconsole.engine.api.LspView;
import org.rsvpconsole.engine.api.RecordedHop;
import org.rsvpconsole.engine.api.ReservationStyle;
import org.rsvpconsole.engine.api.RsvpEvent;
import org.rsvpconsole.engine.api.SenderAddress;
import org.rsvpconsole.engine.api.SessionId;
import org.rsvpconsole.engine.api.SessionPriorities;
import org.rsvpconsole.engine.api.StateChange;
import org.rsvpconsole.engine.api.TrafficSpec;
import org.rsvpconsole.persistence.Histories;
import org.rsvpconsole.persistence.api.HistoryEntry;
import org.rsvpconsole.persistence.api.NetworkState;
import org.rsvpconsole.persistence.api.NetworkStateReducer;

/** The stored form: every entry and event type round-trips, and damaged bytes are refused, never mis-read. */
class EntryCodecTest {

    private static final SessionId V6 = new SessionId(IpAddress.of("2001:db8::9"), 17, 5000);
    private static final SenderAddress S = new SenderAddress(IpAddress.of("10.0.0.1"), 4000);
    private static final IpAddress HOP = IpAddress.of("10.0.0.2");
    private static final TrafficSpec T = new TrafficSpec(1000, 1000, 2000, 64, 1500);
    private static final FlowRequest F = FlowRequest.guaranteed(T, 1500, 10);

    static List<HistoryEntry> everyType() {
        long t = Histories.T0;
        SessionId s = Histories.S1;
        byte[] bytes = {1, 2, 3, (byte) 0xff};
        List<RsvpEvent> events = List.of(
            new RsvpEvent.PathState(1, "r1", 1, StateChange.INSTALLED, s, S, "eth0", HOP, T, List.of("eth1")),
            new RsvpEvent.PathState(1, "r1", 1, StateChange.TORN_DOWN, V6, S, "", null, null, List.of()),
            new RsvpEvent.ResvState(2, "r1", 2, StateChange.CHANGED, s, ReservationStyle.SE, "eth1", HOP,
                List.of(S), F),
            new RsvpEvent.Reservation(3, "r1", 3, s, ReservationStyle.WF, "eth1", List.of(), 1500.5, 0),
            new RsvpEvent.AdmissionFailed(4, "r1", 4, s, "eth1", 1e6, 10, 1e5, 2, "not enough \u2206 bandwidth"),
            new RsvpEvent.PolicyRejected(5, "r1", 5, s, "Resv", 2, 5, "policy"),
            new RsvpEvent.Blockade(6, "r1", 6, true, s, HOP, FlowRequest.controlledLoad(T)),
            new RsvpEvent.ConfirmationReceived(7, "h1", 7, s, HOP, ReservationStyle.FF, F),
            new RsvpEvent.ErrorReceived(8, "h1", 8, "ResvErr", s, HOP, 1, 2, "Admission", "bandwidth"),
            new RsvpEvent.NonRsvpHopDetected(9, "r2", 9, s, S, "eth0", 64, 63),
            new RsvpEvent.RouteChanged(10, "r2", 10, s, S, List.of("eth0"), List.of("eth1", "eth2")),
            new RsvpEvent.MessageSent(11, "r2", Long.MAX_VALUE, "Path", s, "eth0", HOP, 4, bytes),
            new RsvpEvent.MessageReceived(12, "r2", 12, "Resv", null, "eth0", HOP, 4, bytes),
            new RsvpEvent.DecodeFailed(13, "r2", 13, "eth0", "bad checksum", new byte[0]),
            new RsvpEvent.NeighbourEvent(14, "r2", 14, HOP, "eth0", "integrity", "bad digest, key 7"),
            new RsvpEvent.Preempted(15, "r10", 15, "Int8", s, 300, V6, List.of(S), 100, true, 10_000, 40_000,
                10_000, 0, "X (priority 300) took 80 kbit/s from Y"),
            new RsvpEvent.ReductionAnswered(16, "h1", 16, s, 102, 2500, 10_000, 2000, "G.729 fits"),
            new RsvpEvent.LabelBound(17, "r2", 17, StateChange.INSTALLED, LspId.tunnelSession(HOP, 7),
                new LspId(HOP, 7, S.address(), S.address(), 2), 300, "eth0", LabelEntry.IMPLICIT_NULL, "eth1"),
            new RsvpEvent.LabelBound(18, "r1", 18, StateChange.TORN_DOWN, null, null, LabelEntry.NONE, "",
                1_048_575, "eth1"));
        List<HistoryEntry> out = new ArrayList<>();
        events.forEach(e -> out.add(new HistoryEntry.Engine(t + e.timeNanos(), e)));
        out.add(Histories.topology());
        out.add(new HistoryEntry.OperatorAction(t, "alice", "reserve", "10.0.0.9/17/5000", null));
        out.add(new HistoryEntry.EntriesLost(t, t - 5, 42, "buffer full"));
        LspId lsp = new LspId(HOP, 7, S.address(), S.address(), 2);
        out.add(new HistoryEntry.LspState(t, List.of(
            new LspView(lsp, "r1", LspView.Role.HEAD, "r1-t7", 3, 2, 0x06, 250_000.5, List.of(
                ExplicitHop.strict(HOP), ExplicitHop.loose(IpAddress.of("2001:db8::9")),
                new ExplicitHop(IpAddress.of("10.1.0.0"), 16, -1, true), ExplicitHop.as(65002, false)),
                List.of(new RecordedHop(HOP, 300), new RecordedHop(IpAddress.of("10.0.0.3"), RecordedHop.NO_LABEL)),
                new LabelEntry(lsp, LabelEntry.NONE, "", 300, "eth1", HOP), ReservationStyle.SE, true),
            new LspView(lsp, "r3", LspView.Role.TAIL, "", 7, 0, 0, 0, List.of(), List.of(),
                new LabelEntry(lsp, LabelEntry.IMPLICIT_NULL, "eth0", LabelEntry.NONE, "", null), null, false))));
        out.add(new HistoryEntry.LspState(t + 1, List.of()));
        out.add(new HistoryEntry.AggregateState(t, List.of(aggregateY(), new AggregateView("X", V6, "R1", "R4", 0,
            0, 10_000, 0, null, List.of(new AggregateView.Microflow(Histories.S1, List.of(), 0.5, 0, 0,
                AggregateView.State.ADMITTED))))));
        out.add(new HistoryEntry.AggregateState(t + 2, List.of()));
        return out;
    }

    /** RFC 4495 Figure 2's aggregate Y after Flow 9: 320 kbit/s, four microflows admitted, Flow D preempted. */
    private static AggregateView aggregateY() {
        SessionId y = new SessionId(IpAddress.of("10.0.8.1"), 17, 46);
        List<AggregateView.Microflow> flows = new ArrayList<>();
        for (int port : new int[] {6002, 6004, 6006, 6010, 6008}) {
            flows.add(new AggregateView.Microflow(new SessionId(IpAddress.of("10.8.0.8"), 17, port),
                List.of(new SenderAddress(IpAddress.of("10.5.0.5"), port)), 10_000, 100, 100, port == 6008
                    ? AggregateView.State.PREEMPTED : AggregateView.State.ADMITTED));
        }
        return new AggregateView("Y", y, "R5", "R8", 46, 40_000, 10_000, 5_000, new SessionPriorities(100, 100),
            flows);
    }

    private static String text(Object o) {
        return o.toString().replaceAll("\\[B@\\w+", "bytes");
    }

    @Test
    void everyEventTypeIsInTheRoundTripList() {
        Set<Class<?>> listed = new HashSet<>();
        everyType().forEach(e -> {
            if (e instanceof HistoryEntry.Engine g) {
                listed.add(g.event().getClass());
            }
        });
        for (Class<?> c : RsvpEvent.class.getPermittedSubclasses()) {
            assertTrue(listed.contains(c), c.getSimpleName() + " has no round-trip case in everyType()");
        }
    }

    @Test
    void everyTypeRoundTrips() {
        for (HistoryEntry e : everyType()) {
            byte[] bytes = EntryCodec.encode(e);
            HistoryEntry back = EntryCodec.decodeEntry(bytes);
            // Events with datagrams compare arrays by identity: compare their encodings and texts instead.
            assertArrayEquals(bytes, EntryCodec.encode(back), e::toString);
            assertEquals(text(e), text(back));
            if (e instanceof HistoryEntry.Engine g && g.event() instanceof RsvpEvent.MessageSent m) {
                assertArrayEquals(m.datagram(), ((RsvpEvent.MessageSent) ((HistoryEntry.Engine) back).event())
                    .datagram());
            }
        }
    }

    @Test
    void snapshotsRoundTripWithTheirStreamSequences() {
        NetworkStateReducer r = new NetworkStateReducer(NetworkState.EMPTY);
        long id = 0;
        for (HistoryEntry e : everyType()) {
            r.apply(++id, e);
        }
        r.apply(++id, Histories.reservation(Histories.T0 + 5, 99, 300));
        NetworkState s = r.state();
        Map<String, Long> seqs = new HashMap<>(Map.of("r1", 7L, "operator", 1L));
        EntryCodec.Snapshot back = EntryCodec.decodeSnapshot(EntryCodec.encodeSnapshot(s, seqs));
        assertEquals(s, back.state());
        assertEquals(seqs, back.streamSeqs());
    }

    @Test
    void truncatedOrExtendedBytesAreRefused() {
        for (HistoryEntry e : everyType()) {
            byte[] bytes = EntryCodec.encode(e);
            for (int n = 0; n < bytes.length; n++) {
                byte[] cut = Arrays.copyOf(bytes, n);
                assertThrows(IllegalArgumentException.class, () -> EntryCodec.decodeEntry(cut), e + " cut at " + n);
            }
            byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);
            assertThrows(IllegalArgumentException.class, () -> EntryCodec.decodeEntry(longer));
        }
    }

    @Test
    void damagedBytesDecodeOrAreRefusedButNeverThrowAnythingElse() {
        Random random = new Random(8);
        int refused = 0;
        for (HistoryEntry e : everyType()) {
            byte[] bytes = EntryCodec.encode(e);
            for (int k = 0; k < 2000; k++) {
                byte[] d = bytes.clone();
                d[random.nextInt(d.length)] = (byte) random.nextInt(256);
                try {
                    EntryCodec.decodeEntry(d);
                } catch (IllegalArgumentException expected) {
                    refused++; // refused with the reason; any other exception fails the test
                }
            }
        }
        org.junit.jupiter.api.Assertions.assertTrue(refused > 0);
    }

    @Test
    void aggregateStateKeepsEveryMicroflowAndRefusesImpossibleValuesWithTheReason() {
        AggregateView y = aggregateY();
        HistoryEntry.AggregateState back = (HistoryEntry.AggregateState) EntryCodec.decodeEntry(EntryCodec.encode(
            new HistoryEntry.AggregateState(Histories.T0, List.of(y))));
        assertEquals(List.of(y), back.aggregates());
        assertEquals(4, back.aggregates().get(0).admitted().size());
        assertEquals(40_000, back.aggregates().get(0).reservedBytesPerSecond());

        // The last byte is Flow D's state (1 admitted, 2 preempted): a third state is refused by name.
        byte[] bytes = EntryCodec.encode(new HistoryEntry.AggregateState(Histories.T0, List.of(y)));
        assertEquals(2, bytes[bytes.length - 1]);
        bytes[bytes.length - 1] = 3;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> EntryCodec.decodeEntry(bytes));
        assertTrue(e.getMessage().contains("unknown microflow state 3"), e.getMessage());
        bytes[bytes.length - 1] = 0;
        e = assertThrows(IllegalArgumentException.class, () -> EntryCodec.decodeEntry(bytes));
        assertTrue(e.getMessage().contains("without its session, senders or state"), e.getMessage());

        // A DSCP is 6 bits (RFC 2474): 64 is refused.
        EntryCodec.Out o = new EntryCodec.Out();
        o.u8(6);
        o.i64(Histories.T0);
        o.varint(1);
        o.str("Y");
        o.u8(0);
        o.str("R5");
        o.str("R8");
        o.u8(64);
        e = assertThrows(IllegalArgumentException.class, () -> EntryCodec.decodeEntry(o.toByteArray()));
        assertTrue(e.getMessage().contains("DSCP 64 is not 6 bits"), e.getMessage());
    }

    @Test
    void blocksRoundTripPlainAndDeflated() {
        for (boolean compress : new boolean[] {false, true}) {
            Blocks.Builder b = new Blocks.Builder(compress);
            List<HistoryEntry> all = everyType();
            for (int i = 0; i < all.size(); i++) {
                b.add(10 + i, i + 1, all.get(i));
            }
            assertEquals(10, b.firstId);
            assertEquals(9 + all.size(), b.lastId);
            List<Blocks.Item> items = Blocks.read(b.finish());
            assertEquals(all.size(), items.size());
            for (int i = 0; i < all.size(); i++) {
                assertEquals(i + 1, items.get(i).seq());
                assertArrayEquals(EntryCodec.encode(all.get(i)), EntryCodec.encode(items.get(i).entry()));
            }
        }
        assertThrows(IllegalArgumentException.class, () -> Blocks.read(new byte[] {1, 5, 6, 7}));
        assertThrows(IllegalArgumentException.class, () -> Blocks.read(new byte[] {9}));
    }
}
