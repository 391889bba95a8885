package org.rsvpconsole.ui.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rsvpconsole.engine.api.AggregateView;
import org.rsvpconsole.engine.api.NetworkSnapshot;
import org.rsvpconsole.engine.live.VirtualLiveNetwork;
import org.rsvpconsole.persistence.api.EventStore;
import org.rsvpconsole.persistence.api.HistoryEntry;
import org.rsvpconsole.persistence.api.StoredEntry;
import org.rsvpconsole.ui.TestNetworks;
import org.rsvpconsole.ui.aggregates.AggregateRow;
import org.rsvpconsole.ui.aggregates.AggregatesViewModel;
import org.rsvpconsole.ui.shell.MainViewModel;
import org.rsvpconsole.ui.topology.TopologyViewModel;

/**
 * Aggregates in replay, on RFC 4495 Figure 2 (examples/rfc4495-figure2, at x20): the recording wrapper stores the
 * aggregate views when they change ({@code HistoryEntry.AggregateState}), and the replay timeline shows, at an
 * instant, the aggregates as they were then (Y at 320 kbit/s with four microflows and Flow D preempted) through
 * the console's own view models, drawn as a bundle; a history without such records says so.
 */
class AggregateReplayTest {

    private static final long S = 1_000_000_000L;

    /** Y as R8 sizes it after Flow 9: 320 kbit/s (40 000 B/s), four microflows admitted and one preempted. */
    private static boolean reduced(AggregateView v) {
        return v.name().equals("Y") && v.reservedBytesPerSecond() == 40_000 && v.admitted().size() == 4
            && v.microflows().size() == 5;
    }

    @Test
    void yReducedWithItsMicroflowsAppearsInReplayAtTheInstantItWasRecorded(@TempDir Path dir) throws Exception {
        VirtualLiveNetwork engine = TestNetworks.figure2Network(20);
        try (EventStore store = EventStore.open(dir.resolve("history").toString())) {
            RecordingNetwork recorded = RecordingNetwork.start(engine, store, "tester");
            engine.start();
            // Ask as the console's pump does (each snapshot brings the aggregates) until R8 has reduced Y.
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            AggregateView y = null;
            while (y == null) {
                assertTrue(System.nanoTime() < end, "Y reduced to 320 kbit/s within 20 s");
                Thread.sleep(50);
                NetworkSnapshot s = recorded.snapshot().get(5, TimeUnit.SECONDS);
                y = s.aggregates().stream().filter(AggregateReplayTest::reduced).findFirst().orElse(null);
            }
            engine.pause();
            store.flush();

            MainViewModel model = new MainViewModel(recorded);
            TimelineViewModel timeline = new TimelineViewModel(store, true, model, Runnable::run, Runnable::run);
            model.setTimeline(timeline);
            timeline.enterReplay();
            assertTrue(model.replaying());
            List<StoredEntry> states = timeline.run().entries().stream()
                .filter(e -> e.entry() instanceof HistoryEntry.AggregateState).toList();
            assertFalse(states.isEmpty(), "the recording stored aggregate views");
            AggregateView recordedY = y;
            StoredEntry reducedAt = states.stream().filter(e -> ((HistoryEntry.AggregateState) e.entry())
                .aggregates().contains(recordedY)).findFirst().orElse(null);
            assertNotNull(reducedAt, "Y's reduced view recorded as the engine gave it");
            AggregatesViewModel vm = model.aggregates();

            // Before the first record: no aggregates (and not "not recorded": this history has them).
            timeline.jumpTo(states.get(0).atNanos() - 1);
            assertTrue(vm.rows().isEmpty(), vm.rows().toString());
            assertFalse(vm.statusProperty().get().equals(AggregatesViewModel.NOT_RECORDED));

            // Just before Y's reduction was recorded, Y is there (recorded earlier) but not yet reduced ...
            timeline.jumpTo(reducedAt.atNanos() - 1);
            AggregateRow before = vm.row("R8/Y");
            assertNotNull(before, vm.rows().toString());
            assertFalse(before.reserved().equals("320 kbit/s") && before.preempted() == 1, before.toString());

            // ... and at the instant it was recorded: 320 kbit/s, four microflows admitted, Flow D preempted.
            timeline.jumpTo(reducedAt.atNanos());
            AggregateRow row = vm.row("R8/Y");
            assertNotNull(row, vm.rows().toString());
            assertEquals("R5", row.aggregator());
            assertEquals(46, row.dscp());
            assertEquals("320 kbit/s", row.reserved());
            assertEquals(4, row.admitted());
            assertEquals("4 (1 preempted)", row.microflows());
            assertEquals("2 aggregates carrying 10 microflows, 1 preempted", vm.statusProperty().get());
            vm.selectedProperty().set("R8/Y");
            assertEquals(List.of("H8:6002 admitted", "H8:6004 admitted", "H8:6006 admitted", "H8:6010 admitted",
                "H8:6008 preempted"), vm.microflows().stream().map(m -> m.flow() + " " + m.state()).toList());
            // The bundle: Y's reservation rebuilt from the recorded events, R5 to R8 through R10 Int8.
            TopologyViewModel map = model.map();
            assertEquals(row.session(), map.highlightedSessionProperty().get());
            assertEquals(List.of("R5>R6", "R6>R10", "R10>R11", "R11>R7", "R7>R8"), map.path().stream()
                .map(h -> h.fromNode() + ">" + h.toNode()).toList());
            assertTrue(map.path().stream().allMatch(TopologyViewModel.Hop::isBundle));
            assertEquals("3: aggregate Y (DSCP 46), 320 kbit/s", map.path().get(2).label());

            // Back to the start again: gone.
            timeline.jumpTo(recorded.origin());
            assertTrue(vm.rows().isEmpty(), vm.rows().toString());
        } finally {
            engine.close();
        }
    }

    @Test
    void aHistoryWithoutAggregateRecordsSaysSo(@TempDir Path dir) throws Exception {
        VirtualLiveNetwork engine = TestNetworks.figure2Network(20);
        try (EventStore store = EventStore.open(dir.resolve("history").toString())) {
            // Recorded, but the aggregates never asked for through the recording (as a history from before
            // AggregateState): its events only.
            RecordingNetwork recorded = RecordingNetwork.start(engine, store, "tester");
            engine.start();
            while (engine.nowNanos() < 5 * S) {
                Thread.sleep(20);
            }
            assertEquals(2, engine.snapshot().get(5, TimeUnit.SECONDS).aggregates().size());
            engine.pause();
            store.flush();

            MainViewModel model = new MainViewModel(recorded);
            TimelineViewModel timeline = new TimelineViewModel(store, true, model, Runnable::run, Runnable::run);
            model.setTimeline(timeline);
            timeline.enterReplay();
            assertTrue(timeline.run().entries().stream().noneMatch(e -> e.entry()
                instanceof HistoryEntry.AggregateState));
            assertTrue(timeline.size() > 1, "the events were recorded");
            assertTrue(model.aggregates().rows().isEmpty());
            assertEquals(AggregatesViewModel.NOT_RECORDED, model.aggregates().statusProperty().get());
        } finally {
            engine.close();
        }
    }
}
