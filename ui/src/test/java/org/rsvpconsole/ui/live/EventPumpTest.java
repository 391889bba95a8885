package org.rsvpconsole.ui.live;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.rsvpconsole.engine.api.LiveNetwork;
import org.rsvpconsole.engine.api.LspView;
import org.rsvpconsole.engine.live.VirtualLiveNetwork;
import org.rsvpconsole.ui.TestNetworks;

/** The pump brings the LSP views with the snapshots, and a failing LSP request never stops the snapshots. */
class EventPumpTest {

    private static List<EventPump.Batch> pulses(LiveNetwork network, int count) throws InterruptedException {
        EventPump pump = new EventPump(network);
        List<EventPump.Batch> batches = new ArrayList<>();
        pump.addListener(batches::add);
        long t = 0;
        for (int i = 0; i < count; i++) {
            pump.pulse(t);
            t += EventPump.SNAPSHOT_PERIOD_NANOS;
            Thread.sleep(50);
        }
        return batches;
    }

    @Test
    void lspViewsComeWithTheSnapshots() throws Exception {
        try (VirtualLiveNetwork network = TestNetworks.teNetwork(1).start()) {
            Thread.sleep(300);
            List<EventPump.Batch> batches = pulses(network, 6);
            assertTrue(batches.stream().anyMatch(b -> b.lsps() != null && b.lsps().stream().anyMatch(v -> v.name()
                .equals("T1"))), "T1's views arrive");
            assertTrue(batches.stream().filter(b -> b.lsps() != null).count() <= batches.stream()
                .filter(b -> b.snapshot() != null).count() + 1, "at the snapshots' pace");
        }
    }

    @Test
    void aFailedLspRequestCostsOnlyItsViews() throws Exception {
        try (VirtualLiveNetwork real = TestNetworks.teNetwork(1).start()) {
            LiveNetwork failing = (LiveNetwork) Proxy.newProxyInstance(LiveNetwork.class.getClassLoader(),
                new Class<?>[] {LiveNetwork.class}, (proxy, method, args) -> {
                    if (method.getName().equals("lsps")) {
                        return CompletableFuture.<List<LspView>>failedFuture(new IllegalStateException("engine"));
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
            List<EventPump.Batch> batches = pulses(failing, 8);
            assertTrue(batches.stream().filter(b -> b.snapshot() != null).count() >= 3,
                "snapshots keep coming: " + batches.stream().filter(b -> b.snapshot() != null).count());
            assertFalse(batches.stream().anyMatch(b -> b.lsps() != null));
        }
    }
}
