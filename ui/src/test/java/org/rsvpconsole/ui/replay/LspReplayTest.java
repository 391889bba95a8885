package org.rsvpconsole.ui.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rsvpconsole.engine.api.LspView;
import org.rsvpconsole.engine.live.VirtualLiveNetwork;
import org.rsvpconsole.persistence.api.EventStore;
import org.rsvpconsole.persistence.api.HistoryEntry;
import org.rsvpconsole.persistence.api.StoredEntry;
import org.rsvpconsole.ui.TestNetworks;
import org.rsvpconsole.ui.reservations.LspRow;
import org.rsvpconsole.ui.reservations.LspTableViewModel;
import org.rsvpconsole.ui.shell.MainViewModel;

/**
 * LSPs in replay: the recording wrapper stores the LSP views when they change ({@code HistoryEntry.LspState}), and
 * the replay timeline shows, at an instant, the LSPs as they were then, through the console's own view models.
 */
class LspReplayTest {

    @Test
    void anLspAppearsInReplayAtTheInstantItWasUp(@TempDir Path dir) throws Exception {
        VirtualLiveNetwork engine = TestNetworks.teNetwork(1);
        try (EventStore store = EventStore.open(dir.resolve("history").toString())) {
            RecordingNetwork recorded = RecordingNetwork.start(engine, store, "tester");
            engine.start();
            // Ask as the console's pump does until T1 is up at its head end.
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            LspView head = null;
            while (head == null || !head.up()) {
                assertTrue(System.nanoTime() < end, "T1 up at R1 within 15 s");
                Thread.sleep(50);
                head = recorded.lsps().get(5, TimeUnit.SECONDS).stream().filter(v -> v.name().equals("T1")
                    && v.role() == LspView.Role.HEAD).findFirst().orElse(null);
            }
            long upAt = recorded.origin() + engine.snapshot().get(5, TimeUnit.SECONDS).timeNanos();
            store.flush();

            MainViewModel model = new MainViewModel(recorded);
            TimelineViewModel timeline = new TimelineViewModel(store, true, model, Runnable::run, Runnable::run);
            model.setTimeline(timeline);
            timeline.enterReplay();
            assertTrue(model.replaying());
            List<StoredEntry> lspStates = timeline.run().entries().stream()
                .filter(e -> e.entry() instanceof HistoryEntry.LspState).toList();
            assertFalse(lspStates.isEmpty(), "the recording stored LSP views");
            HistoryEntry.LspState last = (HistoryEntry.LspState) lspStates.get(lspStates.size() - 1).entry();
            assertTrue(last.lsps().contains(head), "the views as the engine gave them: " + last.lsps());

            // Before the first record: no LSPs (and not "not recorded": this history has them).
            timeline.jumpTo(lspStates.get(0).atNanos() - 1);
            assertTrue(model.lsps().rows().isEmpty(), model.lsps().rows().toString());
            assertEquals("No LSPs", model.lsps().statusProperty().get());

            // At the instant T1 was up: its row at the head end, up, with the recorded route and labels.
            timeline.jumpTo(upAt);
            LspRow t1 = model.lsps().rows().stream().filter(r -> r.name().equals("T1")).findFirst().orElse(null);
            assertTrue(t1 != null && t1.state().equals("up"), model.lsps().rows().toString());
            assertEquals(head.id(), t1.id());
            assertFalse(model.lsps().views(head.id()).isEmpty(), "every node's view of T1 for the inspector");
            assertFalse(model.lsps().statusProperty().get().equals(LspTableViewModel.NOT_RECORDED));

            // Back to the start again: gone.
            timeline.jumpTo(recorded.origin());
            assertTrue(model.lsps().rows().stream().noneMatch(r -> r.name().equals("T1") && r.state().equals("up")),
                model.lsps().rows().toString());
        } finally {
            engine.close();
        }
    }
}
