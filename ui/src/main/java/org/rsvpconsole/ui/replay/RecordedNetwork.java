package org.rsvpconsole.ui.replay;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.rsvpconsole.engine.api.AdmissionPreview;
import org.rsvpconsole.engine.api.DissectedField;
import org.rsvpconsole.engine.api.EventSink;
import org.rsvpconsole.engine.api.LiveNetwork;
import org.rsvpconsole.engine.api.NetworkSnapshot;
import org.rsvpconsole.engine.api.ReserveRequest;
import org.rsvpconsole.engine.api.RsvpEvent;
import org.rsvpconsole.engine.api.SessionId;
import org.rsvpconsole.engine.api.TopologyView;

/**
 * An opened history file in the place of a live network: its recorded topology, no events of its own (the timeline
 * feeds the views), and operator actions refused with a message, since the past cannot be changed. Decoding
 * messages and saving pcap files use the codec of the network the console ran before ({@code tools}).
 */
public final class RecordedNetwork implements LiveNetwork {

    private final HistoryRun run;
    private final AutoCloseable resources;
    private final Function<byte[], List<DissectedField>> dissector;
    private final LiveNetwork tools;

    /**
     * @param resources closed with this network (the opened store)
     * @param tools     a network whose {@link #dissect} and {@link #savePcap} are stateless (the console's engine)
     */
    public RecordedNetwork(HistoryRun run, AutoCloseable resources, LiveNetwork tools) {
        this.run = run;
        this.resources = resources;
        this.tools = tools instanceof RecordedNetwork r ? r.tools : tools;
        this.dissector = tools::dissect;
    }

    public HistoryRun run() {
        return run;
    }

    private static <T> CompletableFuture<T> refused() {
        return CompletableFuture.failedFuture(new IllegalStateException(
            "this is a recorded history: it cannot be changed (File > Open topology runs a live network)"));
    }

    @Override
    public TopologyView topology() {
        return run.topology();
    }

    @Override
    public void subscribe(EventSink sink) {
        // Nothing happens in a recording by itself: the timeline feeds the views.
    }

    @Override
    public long nowNanos() {
        return run.endNanos() - run.originNanos();
    }

    @Override
    public CompletableFuture<NetworkSnapshot> snapshot() {
        return new CompletableFuture<>(); // never completes: replay supplies the snapshots
    }

    @Override
    public CompletableFuture<AdmissionPreview> preview(ReserveRequest request) {
        return refused();
    }

    @Override
    public CompletableFuture<SessionId> reserve(ReserveRequest request) {
        return refused();
    }

    @Override
    public CompletableFuture<Void> tearDown(SessionId session) {
        return refused();
    }

    @Override
    public CompletableFuture<Void> changeBandwidth(SessionId session, double bandwidthBytesPerSecond) {
        return refused();
    }

    @Override
    public List<DissectedField> dissect(byte[] datagram) {
        return dissector.apply(datagram);
    }

    @Override
    public void savePcap(Path file, List<RsvpEvent> messages) throws IOException {
        tools.savePcap(file, messages);
    }

    @Override
    public boolean isPaused() {
        return true;
    }

    @Override
    public void close() {
        try {
            resources.close();
        } catch (Exception e) {
            // Closing a read-only history cannot lose anything; nothing to tell the operator.
        }
    }
}
