package org.rsvpconsole.ui.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rsvpconsole.engine.api.LspView;
import org.rsvpconsole.engine.live.VirtualLiveNetwork;
import org.rsvpconsole.persistence.api.EventStore;
import org.rsvpconsole.ui.TestNetworks;

/** The recording wrapper the console shows passes the engine's LSP views through (the LSPs tab reads them). */
class RecordingNetworkTest {

    @Test
    void lspsAreTheLiveNetworks(@TempDir Path dir) throws Exception {
        VirtualLiveNetwork engine = TestNetworks.teNetwork(1);
        try (EventStore store = EventStore.open(dir.resolve("history").toString())) {
            RecordingNetwork recorded = RecordingNetwork.start(engine, store, "tester");
            engine.start();
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            List<String> t1 = List.of();
            while (t1.size() < 4 && System.nanoTime() < end) {
                Thread.sleep(50);
                t1 = recorded.lsps().get(5, TimeUnit.SECONDS).stream().filter(v -> v.name().equals("T1"))
                    .map(LspView::node).toList();
            }
            assertEquals(List.of("R1", "R2", "R3", "R4"), t1, "T1 at every node, through the wrapper");
        } finally {
            engine.close();
        }
    }
}
