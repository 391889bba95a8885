package org.rsvpconsole.ui.aggregates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rsvpconsole.engine.api.AggregateView;
import org.rsvpconsole.engine.api.NetworkSnapshot;
import org.rsvpconsole.engine.api.RsvpEvent;
import org.rsvpconsole.engine.live.VirtualLiveNetwork;
import org.rsvpconsole.ui.TestNetworks;
import org.rsvpconsole.ui.live.EventPump;
import org.rsvpconsole.ui.preemption.PreemptionRow;
import org.rsvpconsole.ui.shell.MainViewModel;
import org.rsvpconsole.ui.topology.TopologyViewModel;

/**
 * The Aggregates tab's view model on the real engine running examples/rfc4495-figure2 (the console's live network
 * with its scenario as the traffic mix, at x20): before Flow 9 both aggregates carry five calls at 400 kbit/s; after
 * it, Y is at 320 kbit/s with four microflows and Flow D preempted, the map draws Y's five hops as a bundle, and the
 * notices word both steps by the aggregates' names.
 */
class AggregatesViewModelTest {

    private static final long S = 1_000_000_000L;

    private VirtualLiveNetwork network;
    private final Queue<RsvpEvent> events = new ConcurrentLinkedQueue<>();

    @AfterEach
    void close() {
        if (network != null) {
            network.close();
        }
    }

    /** Runs the engine to {@code t} of its time, pauses it and feeds what happened with a snapshot of then. */
    private void runTo(MainViewModel model, long t) throws Exception {
        network.resume();
        while (network.nowNanos() < t) {
            Thread.sleep(10);
        }
        network.pause();
        NetworkSnapshot s = network.snapshot().get(10, TimeUnit.SECONDS);
        List<RsvpEvent> batch = new ArrayList<>();
        RsvpEvent e;
        while ((e = events.poll()) != null) {
            batch.add(e);
        }
        model.feed(EventPump.Batch.live(batch, s, s.timeNanos(), null));
    }

    private static List<String> microflows(AggregatesViewModel vm) {
        return vm.microflows().stream().map(m -> m.flow() + " from " + m.senders() + " " + m.bandwidth() + " "
            + m.priorities() + " DSCP " + m.dscp() + " " + m.state()).toList();
    }

    @Test
    void yEndsAt320kWithFourMicroflowsDrawnAsABundle() throws Exception {
        network = TestNetworks.figure2Network(20);
        network.subscribe(events::add);
        MainViewModel model = new MainViewModel(network);
        AggregatesViewModel vm = model.aggregates();
        network.start();
        // x20: every call is up by 3 s of engine time; Flow 9 joins X at 20 s.
        runTo(model, 10 * S);
        assertEquals(List.of("R4/X", "R8/Y"), vm.rows().stream().map(AggregateRow::key).toList());
        AggregateRow y = vm.row("R8/Y");
        assertEquals("400 kbit/s", y.reserved());
        assertEquals("5", y.microflows());
        assertEquals("2 aggregates carrying 10 microflows", vm.statusProperty().get());

        runTo(model, 25 * S);
        AggregateRow x = vm.row("R4/X");
        assertEquals("R1", x.aggregator());
        assertEquals("R4", x.deaggregator());
        assertEquals(46, x.dscp());
        assertEquals("480 kbit/s", x.reserved());
        assertEquals("6", x.microflows());
        assertEquals("200/200", x.priorities());
        y = vm.row("R8/Y");
        assertEquals("R5", y.aggregator());
        assertEquals("R8", y.deaggregator());
        assertEquals(46, y.dscp());
        assertEquals(40_000, y.reservedBytesPerSecond(), 1e-6);
        assertEquals("320 kbit/s", y.reserved());
        assertEquals(4, y.admitted());
        assertEquals(1, y.preempted());
        assertEquals("4 (1 preempted)", y.microflows());
        assertEquals("100/100", y.priorities());
        assertEquals("80 kbit/s steps, hysteresis 40 kbit/s", y.sizing());
        assertEquals("2 aggregates carrying 10 microflows, 1 preempted", vm.statusProperty().get());

        // Selecting Y lists its microflows (admitted in R8's admission order, then Flow D, which it preempted) ...
        vm.selectedProperty().set("R8/Y");
        assertEquals(List.of(
            "H8:6002 from H5:6002 80 kbit/s 100/100 DSCP 46 admitted",
            "H8:6004 from H5:6004 80 kbit/s 100/100 DSCP 46 admitted",
            "H8:6006 from H5:6006 80 kbit/s 100/100 DSCP 46 admitted",
            "H8:6010 from H5:6010 80 kbit/s 100/100 DSCP 46 admitted",
            "H8:6008 from H5:6008 80 kbit/s 100/100 DSCP 46 preempted"), microflows(vm));
        // ... and the map draws Y's reservation from R5 to R8 as a bundle labelled with its name and DSCP.
        TopologyViewModel map = model.map();
        assertEquals(y.session(), map.highlightedSessionProperty().get());
        assertEquals(List.of("R5>R6", "R6>R10", "R10>R11", "R11>R7", "R7>R8"), map.path().stream()
            .map(h -> h.fromNode() + ">" + h.toNode()).toList());
        assertEquals("Int8", map.path().get(2).interfaceName());
        assertTrue(map.path().stream().allMatch(TopologyViewModel.Hop::isBundle));
        assertEquals("3: aggregate Y (DSCP 46), 320 kbit/s", map.path().get(2).label());

        // The notices: R10's reduction of Y for X, then R8's preemption of Flow D to fit, with the cause.
        String r10 = "Aggregate X (priority 200) took 80 kbit/s from aggregate Y on R10 Int8; Y reduced to"
            + " 320 kbit/s (RFC 4495)";
        assertEquals(List.of(r10 + ".", r10 + "; deaggregator R8 preempted microflow H8:6008 (priority 100,"
            + " 80 kbit/s) to fit, the other microflows of Y keep their reservation."), model.notices().stream()
            .filter(n -> n.contains("aggregate")).toList());
        // The Preemptions tab has the two rows too (R8's newest first).
        assertEquals(List.of("R8", "R10"), model.preemptions().rows().stream().map(r -> r.node()).toList());
    }

    @Test
    void preemptionRowsNameTheAggregatesAndTheirMicroflowsAsTheNoticesDo() throws Exception {
        network = TestNetworks.figure2Network(20);
        network.subscribe(events::add);
        MainViewModel model = new MainViewModel(network);
        network.start();
        runTo(model, 25 * S);
        // R10 reduced Y for X; R8, Y's deaggregator, preempted Flow D (H8:6008) to fit (newest first).
        List<PreemptionRow> rows = List.copyOf(model.preemptions().rows());
        assertEquals(List.of("R8: aggregate Y took from microflow H8:6008 of Y",
            "R10: aggregate X took from aggregate Y"), rows.stream().map(r -> r.node() + ": " + r.preemptorText()
                + " took from " + r.victimText()).toList());
        // The sessions stay the row's keys (selecting a row selects its victim's session).
        assertEquals(model.aggregates().row("R8/Y").session(), rows.get(1).victim());
        assertEquals(rows.get(1).victim(), rows.get(0).preemptor());

        // Replay names them by the recorded views fed with the same batch; a history without them by session.
        List<RsvpEvent> preempted = rows.reversed().stream().<RsvpEvent>map(PreemptionRow::event).toList();
        List<AggregateView> views = network.snapshot().get(10, TimeUnit.SECONDS).aggregates();
        model.setReplaying(true);
        model.reset();
        model.feed(new EventPump.Batch(preempted, null, 25 * S, null, views));
        assertEquals(List.of("microflow H8:6008 of Y", "aggregate Y"), model.preemptions().rows().stream()
            .map(PreemptionRow::victimText).toList());
        model.reset();
        model.feed(new EventPump.Batch(preempted, null, 25 * S));
        assertEquals(rows.stream().map(r -> r.victim().toString()).toList(), model.preemptions().rows().stream()
            .map(PreemptionRow::victimText).toList());
    }

    @Test
    void replayShowsRecordedAggregateViewsAndSaysSoWhenAHistoryHasNone() throws Exception {
        network = TestNetworks.figure2Network(20);
        network.subscribe(events::add);
        MainViewModel model = new MainViewModel(network);
        network.start();
        runTo(model, 5 * S);
        assertEquals(2, model.aggregates().rows().size());
        NetworkSnapshot live = network.snapshot().get(10, TimeUnit.SECONDS);
        model.setReplaying(true);
        assertEquals(List.of(), model.aggregates().rows());
        assertEquals(AggregatesViewModel.NOT_RECORDED, model.aggregates().statusProperty().get());
        // A history without aggregate records feeds none (its snapshots are rebuilt from events, without
        // aggregates): the tab stays empty and says why.
        model.feed(new EventPump.Batch(List.of(), new NetworkSnapshot(live.timeNanos(), live.directions(),
            live.nodes()), live.timeNanos()));
        assertEquals(List.of(), model.aggregates().rows());
        assertEquals(AggregatesViewModel.NOT_RECORDED, model.aggregates().statusProperty().get());
        // Recorded views (HistoryEntry.AggregateState) show as live ones do.
        model.feed(new EventPump.Batch(List.of(), null, live.timeNanos(), null, live.aggregates()));
        assertEquals(List.of("R4/X", "R8/Y"), model.aggregates().rows().stream().map(AggregateRow::key).toList());
        assertEquals("2 aggregates carrying 10 microflows", model.aggregates().statusProperty().get());
        model.setReplaying(false);
        runTo(model, 7 * S);
        assertEquals(2, model.aggregates().rows().size(), "back to live, the next snapshot fills the tab");
    }
}
