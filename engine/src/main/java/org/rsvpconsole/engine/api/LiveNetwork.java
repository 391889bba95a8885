package org.rsvpconsole.engine.api;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A running RSVP network as the console sees it: its shape, its event stream, consistent snapshots, the operator's
 * actions and its clock. Every method may be called from any thread; work on the network happens on the engine's
 * own thread and results come back as futures, so a caller never blocks on the engine.
 */
public interface LiveNetwork extends AutoCloseable {

    TopologyView topology();

    /**
     * Adds a receiver of every event of every node. Events arrive on the engine's thread, in order: the sink must be
     * quick (queue and return).
     */
    void subscribe(EventSink sink);

    /** The engine's clock, nanoseconds since the network started; readable from any thread. */
    long nowNanos();

    CompletableFuture<NetworkSnapshot> snapshot();

    /** The path a reservation would take and whether each hop would admit it, computed on a copy of the state. */
    CompletableFuture<AdmissionPreview> preview(ReserveRequest request);

    /** Starts the sender, opens the receiver and reserves; completes with the session once the requests went out. */
    CompletableFuture<SessionId> reserve(ReserveRequest request);

    /** Closes the session everywhere: its receiver releases (ResvTear) and its senders stop (PathTear). */
    CompletableFuture<Void> tearDown(SessionId session);

    /** The receiver of {@code session} asks for {@code bandwidthBytesPerSecond} instead (same style and senders). */
    CompletableFuture<Void> changeBandwidth(SessionId session, double bandwidthBytesPerSecond);

    /**
     * The preemption priorities {@code session}'s reservation was requested with, where known (the traffic mix knows
     * its calls'; the engine does not carry them in its events).
     */
    default Optional<SessionPriorities> priorities(SessionId session) {
        return Optional.empty();
    }

    /**
     * Every RSVP-TE LSP (RFC 3209) as every node sees it ({@link LspView}: role, priorities, explicit and recorded
     * routes, the node's label table row), taken on the engine's thread; empty where the network has none.
     */
    default CompletableFuture<List<LspView>> lsps() {
        return CompletableFuture.completedFuture(List.of());
    }

    /** Decodes one datagram of a {@link RsvpEvent.MessageSent} or {@link RsvpEvent.MessageReceived}. */
    List<DissectedField> dissect(byte[] datagram);

    /** Writes datagrams (IP packets) with their engine times to a pcap file Wireshark opens. */
    void savePcap(Path file, List<RsvpEvent> messages) throws IOException;

    boolean isPaused();

    // A network without a clock of its own (real daemons, a recording) keeps these defaults: real time, no
    // traffic mix, pausing ignored. The virtual network overrides them all.

    default void pause() {
    }

    default void resume() {
    }

    default double speed() {
        return 1;
    }

    default void setSpeed(double speed) {
    }

    /** Whether the built-in traffic mix keeps starting calls (calls already up still end on their own). */
    default boolean trafficMix() {
        return false;
    }

    default void setTrafficMix(boolean on) {
    }

    /** Stops the engine's thread; never throws. */
    @Override
    void close();
}
