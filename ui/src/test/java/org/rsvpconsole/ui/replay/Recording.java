package org.rsvpconsole.ui.replay;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.rsvpconsole.engine.api.FlowRequest;
import org.rsvpconsole.engine.api.LinkDirectionView;
import org.rsvpconsole.engine.api.ReservationStyle;
import org.rsvpconsole.engine.api.ReserveRequest;
import org.rsvpconsole.engine.api.SessionId;
import org.rsvpconsole.engine.api.TrafficSpec;
import org.rsvpconsole.engine.live.VirtualLiveNetwork;
import org.rsvpconsole.engine.topology.TopologyLoader;
import org.rsvpconsole.persistence.api.EventStore;
import org.rsvpconsole.ui.TestNetworks;

/**
 * A real recording for replay tests: the RFC 4495 Figure 1 network (H1, H2 - R1 - R2 - H3, H4) running in real
 * time, recorded into an H2 file in a temporary directory; flow A (H1 to H3) is reserved first, then, after
 * {@link #between}, flow B (H2 to H4).
 */
public final class Recording implements AutoCloseable {

    public final VirtualLiveNetwork engine;
    public final EventStore store;
    public final RecordingNetwork network;
    public SessionId flowA;
    public SessionId flowB;
    /** An instant (epoch ns) after A was reserved everywhere and before B was asked for. */
    public long between;

    private Recording(Path dir) throws Exception {
        engine = new VirtualLiveNetwork(TopologyLoader.load(TestNetworks.EXAMPLES.resolve("rfc4495-figure1.yaml")),
            null, 1, 1, Throwable::printStackTrace);
        store = EventStore.open(dir.resolve("history").toString());
        network = RecordingNetwork.start(engine, store, "tester");
        engine.start();
    }

    /** Records the network only (no flows yet). */
    public static Recording start(Path dir) throws Exception {
        return new Recording(dir);
    }

    /** Records flow A, then B, each once reserved on R1's Int2. */
    public static Recording twoFlows(Path dir) throws Exception {
        Recording r = new Recording(dir);
        r.flowA = r.reserve("H1", "H3", 5004);
        Thread.sleep(50);
        // The engine's own time, read on its thread: a clock read from here can run ahead of a loaded engine
        // thread, which would then stamp B's first events before "between".
        r.between = r.network.origin() + r.engine.snapshot().get(5, TimeUnit.SECONDS).timeNanos();
        Thread.sleep(50);
        r.flowB = r.reserve("H2", "H4", 5006);
        r.store.flush();
        return r;
    }

    /** Reserves 2 kB/s from {@code from} to {@code to} and waits until R1's Int2 carries it. */
    public SessionId reserve(String from, String to, int port) throws Exception {
        TrafficSpec t = TrafficSpec.of(2000, 500);
        SessionId s = network.reserve(new ReserveRequest(from, to, port, t, FlowRequest.controlledLoad(t),
            ReservationStyle.FF)).get(5, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            for (LinkDirectionView d : engine.snapshot().get(5, TimeUnit.SECONDS).directions()) {
                if (d.fromInterface().equals("Int2") && d.reservations().stream()
                    .anyMatch(v -> v.session().equals(s))) {
                    return s;
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError("flow " + s + " was not reserved on R1 Int2");
    }

    @Override
    public void close() {
        engine.close();
        store.close();
    }
}
