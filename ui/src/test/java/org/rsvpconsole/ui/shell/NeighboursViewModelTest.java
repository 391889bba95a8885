package org.rsvpconsole.ui.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rsvpconsole.engine.api.FlowRequest;
import org.rsvpconsole.engine.api.NetworkSnapshot;
import org.rsvpconsole.engine.api.ReservationStyle;
import org.rsvpconsole.engine.api.ReserveRequest;
import org.rsvpconsole.engine.api.RsvpEvent;
import org.rsvpconsole.engine.api.TrafficSpec;
import org.rsvpconsole.engine.live.VirtualLiveNetwork;
import org.rsvpconsole.engine.topology.TopologyLoader;
import org.rsvpconsole.ui.TestNetworks;
import org.rsvpconsole.ui.events.EventRow;
import org.rsvpconsole.ui.inspector.InspectorViewModel.Property;
import org.rsvpconsole.ui.live.EventPump;
import org.rsvpconsole.ui.reservations.NeighbourRow;
import org.rsvpconsole.ui.reservations.StateTablesViewModel;

/**
 * The console's neighbour views on a real engine running examples/neighbours-lab.yaml (refresh reduction,
 * integrity and Hello from the file; R4 holds a stale key): the Neighbours table's values, the inspector's
 * per-type counters, the event log and the notices, and what replay can and cannot show.
 */
class NeighboursViewModelTest {

    private static final long S = 1_000_000_000L;

    private VirtualLiveNetwork network;
    private MainViewModel model;
    private final ConcurrentLinkedQueue<RsvpEvent> queue = new ConcurrentLinkedQueue<>();
    /** Every event fed so far: what a recording of this run holds. */
    private final List<RsvpEvent> all = new ArrayList<>();

    @BeforeEach
    void open() throws Exception {
        network = new VirtualLiveNetwork(TopologyLoader.load(TestNetworks.EXAMPLES.resolve("neighbours-lab.yaml")),
            null, 20, 1, Throwable::printStackTrace);
        network.subscribe(queue::add);
        model = new MainViewModel(network);
        model.tables().setRefreshNanos(0);
        model.events().setRefreshNanos(0);
        network.start();
    }

    @AfterEach
    void close() {
        network.close();
    }

    /** What the pump does each pulse: the events so far and a snapshot, as one batch. */
    private NetworkSnapshot pulse() throws Exception {
        NetworkSnapshot s = network.snapshot().get(10, TimeUnit.SECONDS);
        List<RsvpEvent> events = new ArrayList<>();
        for (RsvpEvent e; (e = queue.poll()) != null;) {
            events.add(e);
        }
        all.addAll(events);
        model.apply(new EventPump.Batch(events, s, s.timeNanos()));
        return s;
    }

    /** Runs the engine (x20) until {@code engineNanos}, pulsing as the console does. */
    private void runUntil(long engineNanos) throws Exception {
        while (pulse().timeNanos() < engineNanos) {
            Thread.sleep(20);
        }
    }

    private NeighbourRow row(String node, String neighbour) {
        return model.tables().neighbours().stream().filter(r -> r.node().equals(node)
            && r.neighbour().startsWith(neighbour + " (")).findFirst()
            .orElseThrow(() -> new AssertionError("no row " + node + " -> " + neighbour + " in "
                + model.tables().neighbours()));
    }

    private List<String> notices(String node, String from) {
        return model.notices().stream().filter(n -> n.startsWith(node + " dropped ") && n.contains(" from " + from
            + " (")).toList();
    }

    private static Map<String, String> sheet(List<Property> p, String category) {
        return p.stream().filter(x -> x.category().equals(category))
            .collect(Collectors.toMap(Property::name, Property::value));
    }

    @Test
    void rowsInspectorEventsAndNoticesFollowTheEngine() throws Exception {
        TrafficSpec t = TrafficSpec.of(10_000, 200);
        network.reserve(new ReserveRequest("H1", "H2", 5000, t, FlowRequest.controlledLoad(t), ReservationStyle.FF))
            .get(10, TimeUnit.SECONDS);
        runUntil(8 * S);

        NeighbourRow r1r2 = row("R1", "R2");
        assertEquals("capable", r1r2.refreshReduction());
        assertEquals("key 1", r1r2.integrity());
        assertEquals("up", r1r2.hello());
        assertNotNull(r1r2.view());
        long in = Long.parseLong(r1r2.messagesIn());
        long out = Long.parseLong(r1r2.messagesOut());
        assertTrue(in > 5 && out > 5, r1r2.toString());
        assertEquals("0", r1r2.deliveryFailures());
        assertEquals("0", r1r2.unacknowledged());
        // R2's Resv trigger came with a MESSAGE_ID and R1 acknowledged it (RFC 2961 §4; R1's first Path went
        // plain, before R2 had been heard: decision 0012).
        assertTrue(Long.parseLong(r1r2.acks().split(" / ")[0]) >= 1, r1r2.acks());

        // The stale key: every message R4 sends R2 is dropped, counted, in the log and noticed once.
        NeighbourRow r2r4 = row("R2", "R4");
        assertTrue(r2r4.integrityFailures() > 0, r2r4.toString());
        assertTrue(r2r4.integrity().startsWith("key 1, ") && r2r4.integrity().endsWith(" failed"),
            r2r4.integrity());
        assertEquals("DOWN", r2r4.hello(), "R4's Hellos never verify");
        List<EventRow> failures = model.events().allRows().stream().filter(e -> e.event() instanceof
            RsvpEvent.NeighbourEvent n && n.node().equals("R2") && n.kind().equals("INTEGRITY_FAILED")).toList();
        assertFalse(failures.isEmpty());
        assertTrue(failures.get(0).summary().contains("integrity check failed (")
            && failures.get(0).summary().contains("digest does not match"), failures.get(0).summary());
        List<String> integrityNotices = notices("R2", "R4");
        long span = failures.getLast().event().timeNanos() - failures.getFirst().event().timeNanos();
        assertEquals(1 + span / MainViewModel.NEIGHBOUR_NOTICE_NANOS, integrityNotices.size(),
            "one notice per neighbour and problem in a minute of engine time (failures over " + span / 1e9 + " s): "
            + model.notices());
        assertTrue(integrityNotices.get(0).startsWith("R2 dropped a Hello from R4 (")
            && integrityNotices.get(0).contains(": it failed the integrity check (digest does not match")
            && integrityNotices.get(0).endsWith("Check that both ends use the same key (key id and secret)."),
            integrityNotices.get(0));
        assertTrue(model.notices().stream().noneMatch(n -> n.contains("00000000000000000000")),
            "no key material in notices");

        // Only RSVP neighbours have rows: link peers (H2's ResvConf passing R2 on its way to H1 makes none).
        var peers = java.util.Set.of("H1|R1", "R1|H1", "R1|R2", "R2|R1", "R2|R3", "R3|R2", "R3|H2", "H2|R3", "R2|R4",
            "R4|R2");
        assertTrue(model.tables().neighbours().stream().allMatch(r -> peers.contains(r.node() + "|"
            + r.neighbour().substring(0, r.neighbour().indexOf(' ')))), model.tables().neighbours().toString());

        // Counters rise.
        runUntil(65 * S);
        NeighbourRow later = row("R1", "R2");
        assertTrue(Long.parseLong(later.messagesIn()) > in, later.messagesIn() + " after " + in);
        assertTrue(row("R2", "R4").integrityFailures() > r2r4.integrityFailures());
        long noticed = notices("R2", "R4").size();
        assertTrue(noticed >= 2 && noticed < row("R2", "R4").integrityFailures(),
            "the next notice after a minute: " + noticed + " of " + row("R2", "R4").integrityFailures());

        // The inspector: every counter, per message type.
        model.inspector().showNeighbour(later);
        List<Property> p = model.inspector().properties();
        assertEquals("Neighbour " + later.neighbour() + " of R1", model.inspector().titleProperty().get());
        assertEquals("capable", sheet(p, "Neighbour").get("refresh reduction (RFC 2961)"));
        Map<String, String> counters = sheet(p, "Counters");
        assertEquals(Long.toString(later.view().acksReceived()), counters.get("acks received"));
        assertEquals("1", counters.get("integrity key id"));
        Map<String, String> sent = sheet(p, "Sent");
        Map<String, String> received = sheet(p, "Received");
        // (R1's first Path may have gone before R2 was heard: then it counts on the interface only.)
        assertTrue(Long.parseLong(sent.get("Ack")) >= 1, sent.toString());
        assertTrue(Long.parseLong(sent.get("Hello")) >= 10, sent.toString());
        assertTrue(Long.parseLong(received.get("Resv")) >= 1, received.toString());
        assertEquals(later.view().sent().values().stream().mapToLong(Long::longValue).sum(),
            sent.values().stream().mapToLong(Long::parseLong).sum());

        // Replay as TimelineViewModel does it: reset, then the recorded events with a snapshot the reducer rebuilt
        // (no neighbours in it). The history holds the events, not the counters, and the table says so.
        long failuresLive = row("R2", "R4").integrityFailures();
        long failureEvents = all.stream().filter(e -> e instanceof RsvpEvent.NeighbourEvent n && n.node().equals("R2")
            && n.kind().equals("INTEGRITY_FAILED") && model.tables().nodeName(n.neighbour()).equals("R4")).count();
        // The snapshot was taken a moment before the last events were drained.
        assertTrue(failuresLive <= failureEvents && failuresLive >= failureEvents - 2, failuresLive + " live, "
            + failureEvents + " events");
        model.setReplaying(true);
        model.reset();
        model.feed(new EventPump.Batch(List.copyOf(all), new NetworkSnapshot(65 * S, List.of(), List.of()), 65 * S));
        NeighbourRow replayed = row("R2", "R4");
        assertEquals(failureEvents, replayed.integrityFailures(), "every failure is an event: replay counts them");
        assertEquals(StateTablesViewModel.NOT_RECORDED, replayed.messagesIn());
        assertEquals(StateTablesViewModel.NOT_RECORDED, replayed.retransmissions());
        assertTrue(replayed.integrity().startsWith("key " + StateTablesViewModel.NOT_RECORDED + ", "),
            replayed.integrity());
        model.inspector().showNeighbour(row("R1", "R2"));
        assertTrue(sheet(model.inspector().properties(), "Counters").get("counters")
            .startsWith(StateTablesViewModel.NOT_RECORDED), model.inspector().properties().toString());
        model.setReplaying(false);
        pulse();
        assertEquals("capable", row("R1", "R2").refreshReduction());
        assertFalse(row("R1", "R2").messagesIn().equals(StateTablesViewModel.NOT_RECORDED));
    }
}
