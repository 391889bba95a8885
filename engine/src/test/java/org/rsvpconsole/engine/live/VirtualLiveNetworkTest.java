package org.rsvpconsole.engine.live;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rsvpconsole.engine.api.DissectedField;
import org.rsvpconsole.engine.api.FlowRequest;
import org.rsvpconsole.engine.api.LinkDirectionView;
import org.rsvpconsole.engine.api.NetworkSnapshot;
import org.rsvpconsole.engine.api.ReservationStyle;
import org.rsvpconsole.engine.api.ReservationView;
import org.rsvpconsole.engine.api.ReserveRequest;
import org.rsvpconsole.engine.api.RsvpEvent;
import org.rsvpconsole.engine.api.SessionId;
import org.rsvpconsole.engine.api.TrafficSpec;
import org.rsvpconsole.engine.capture.CaptureReader;
import org.rsvpconsole.engine.capture.Frame;
import org.rsvpconsole.engine.topology.TopologyLoader;

/**
 * The console's operator actions on the virtual network, end to end through {@code LiveNetwork}: changing a
 * reservation's bandwidth in place, the dissector tree of a message, and "save these messages as pcap".
 */
class VirtualLiveNetworkTest {

    private static final Path EXAMPLES = Path.of("..", "examples");

    private final ConcurrentLinkedQueue<RsvpEvent> events = new ConcurrentLinkedQueue<>();
    private VirtualLiveNetwork network;

    @AfterEach
    void close() {
        if (network != null) {
            network.close();
        }
    }

    private VirtualLiveNetwork spNetwork() throws Exception {
        network = new VirtualLiveNetwork(TopologyLoader.load(EXAMPLES.resolve("sp-network.yaml")), null, 50, 1,
            Throwable::printStackTrace);
        network.subscribe(events::add);
        return network.start();
    }

    private static List<ReservationView> on(NetworkSnapshot s, SessionId session) {
        List<ReservationView> out = new ArrayList<>();
        for (LinkDirectionView d : s.directions()) {
            d.reservations().stream().filter(r -> r.session().equals(session)).forEach(out::add);
        }
        return out;
    }

    /** Polls snapshots until {@code condition} holds, for at most 20 s of wall time. */
    private NetworkSnapshot awaitSnapshot(Predicate<NetworkSnapshot> condition, String what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        NetworkSnapshot s;
        do {
            s = network.snapshot().get(5, TimeUnit.SECONDS);
            if (condition.test(s)) {
                return s;
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("not within 20 s: " + what);
    }

    private SessionId reserveOneMegabit() throws Exception {
        TrafficSpec tspec = TrafficSpec.of(125_000, 1500);
        return network.reserve(new ReserveRequest("par-video1", "mad-video1", 5004, tspec,
            FlowRequest.controlledLoad(tspec), ReservationStyle.FF)).get(5, TimeUnit.SECONDS);
    }

    private static boolean every(List<ReservationView> rs, double bytesPerSecond) {
        return !rs.isEmpty() && rs.stream().allMatch(r -> Math.abs(r.reservedBytesPerSecond() - bytesPerSecond) < 1e-6);
    }

    @Test
    void changingTheBandwidthChangesTheReservationOnEveryHop() throws Exception {
        spNetwork();
        SessionId session = reserveOneMegabit();
        NetworkSnapshot before = awaitSnapshot(s -> on(s, session).size() >= 4 && every(on(s, session), 125_000),
            "1 Mbit/s reserved hop by hop");
        int hops = on(before, session).size();

        network.changeBandwidth(session, 250_000).get(5, TimeUnit.SECONDS);
        NetworkSnapshot after = awaitSnapshot(s -> every(on(s, session), 250_000), "2 Mbit/s on every hop");
        assertEquals(hops, on(after, session).size(), "the same path, now at the new bandwidth");
        for (LinkDirectionView d : after.directions()) {
            if (d.reservations().stream().anyMatch(r -> r.session().equals(session))) {
                double reserved = d.reservations().stream().mapToDouble(ReservationView::reservedBytesPerSecond)
                    .sum();
                assertEquals(d.capacityBytesPerSecond() - reserved, d.freeBytesPerSecond(), 1e-6,
                    d.link() + ": free bandwidth follows the change");
            }
        }

        network.tearDown(session).get(5, TimeUnit.SECONDS);
        awaitSnapshot(s -> on(s, session).isEmpty(), "torn down everywhere");
    }

    @Test
    void aPathDissectsIntoItsObjectsAndTheSessionSavesAsAPcapThatReadsBack(@TempDir Path dir) throws Exception {
        spNetwork();
        SessionId session = reserveOneMegabit();
        awaitSnapshot(s -> every(on(s, session), 125_000), "the reservation is up");
        List<RsvpEvent.MessageSent> sent = events.stream()
            .filter(e -> e instanceof RsvpEvent.MessageSent m && session.equals(m.session()))
            .map(e -> (RsvpEvent.MessageSent) e).toList();
        RsvpEvent.MessageSent path = sent.stream().filter(m -> m.messageType().equals("Path")).findFirst()
            .orElseThrow();

        List<DissectedField> tree = network.dissect(path.datagram());
        String all = flatten(tree);
        assertTrue(all.contains("Path"), all);
        for (String object : List.of("SESSION", "RSVP_HOP", "TIME_VALUES", "SENDER_TEMPLATE", "SENDER_TSPEC")) {
            assertTrue(all.contains(object), object + " in " + all);
        }
        assertTrue(all.contains(session.destination().toString()), "the session's destination in " + all);
        assertFalse(network.dissect(new byte[] {0x45, 0, 0}).isEmpty(), "a broken datagram still says what it is");

        Path pcap = dir.resolve("session.pcap");
        List<RsvpEvent> messages = new ArrayList<>(sent);
        network.savePcap(pcap, messages);
        assertTrue(Files.size(pcap) > 24);
        List<byte[]> read = new ArrayList<>();
        try (CaptureReader r = CaptureReader.open(pcap)) {
            for (Frame f = r.next(); f != null; f = r.next()) {
                read.add(f.data());
            }
            assertTrue(r.error().isEmpty(), r.error().toString());
        }
        assertEquals(sent.size(), read.size(), "one frame per message");
        for (int i = 0; i < sent.size(); i++) {
            assertArrayEquals(sent.get(i).datagram(), read.get(i), "frame " + (i + 1) + " is the datagram sent");
        }
    }

    private static String flatten(List<DissectedField> fields) {
        StringBuilder b = new StringBuilder();
        for (DissectedField f : fields) {
            b.append(f.name()).append('=').append(f.value()).append('\n').append(flatten(f.children()));
        }
        return b.toString();
    }
}
