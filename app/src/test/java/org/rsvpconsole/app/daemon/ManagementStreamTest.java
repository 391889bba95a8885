package org.rsvpconsole.app.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rsvpconsole.app.TestPki;
import org.rsvpconsole.app.attach.AttachedNetwork;
import org.rsvpconsole.app.attach.Credentials;
import org.rsvpconsole.app.attach.DaemonEndpoint;
import org.rsvpconsole.app.attach.ManagementClient;
import org.rsvpconsole.persistence.api.HistoryEntry;

/**
 * The event stream over real TLS on loopback, without a node: a management server on a ring filled by the test,
 * and an {@link AttachedNetwork} reading it.
 */
class ManagementStreamTest {

    private static final String TOKEN = "stream-token-0123456789";

    @TempDir
    static Path dir;
    private static TestPki pki;
    private static Path keystore;

    @BeforeAll
    static void certificates() throws Exception {
        pki = TestPki.ca(dir, "stream");
        keystore = pki.server("stream-daemon", List.of("127.0.0.1"));
    }

    private static ManagementServer server(EventRing ring) throws Exception {
        return server(ring, ManagementConfig.DEFAULT_MAX_CLIENTS, (who, action, target, result) -> { });
    }

    private static ManagementServer server(EventRing ring, int maxClients, ManagementServer.Recorder recorder)
        throws Exception {
        ManagementConfig m = new ManagementConfig("127.0.0.1", 0, keystore, TestPki.PASSWORD.toCharArray(),
            Optional.empty(), Map.of(), List.of(new ManagementConfig.Token("t", ManagementConfig.Role.VIEWER,
            ManagementConfig.sha256(TOKEN))), ring.capacity(), maxClients);
        return ManagementServer.start("s1", m, ring, () -> "{\"node\": \"s1\", \"interfaces\": []}",
            (who, r) -> "ok", recorder);
    }

    @Test
    void connectionsBeyondMaxClientsAreClosedAndRecorded() throws Exception {
        List<String> refused = new CopyOnWriteArrayList<>();
        Credentials c = Credentials.of(pki.caPem, Optional.empty(), Optional.empty(), Optional.of(TOKEN));
        try (ManagementServer s = server(new EventRing(1000), 1, (who, action, target, result) -> refused.add(result));
             AttachedNetwork net = AttachedNetwork.attach(List.of(new DaemonEndpoint("127.0.0.1", s.port())), c,
                 AttachedNetwork.Options.DEFAULT)) {
            await(() -> net.model().daemons().getFirst().state() == AttachedNetwork.LinkState.ATTACHED,
                Duration.ofSeconds(20), "the first client");
            java.io.IOException e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
                () -> ManagementClient.ask(new DaemonEndpoint("127.0.0.1", s.port()), c, "status", Map.of()));
            assertTrue(e.getMessage().contains("127.0.0.1:" + s.port()), e.getMessage());
            assertEquals(List.of("refused: too many connections (max-clients 1)"), refused);
            assertEquals(AttachedNetwork.LinkState.ATTACHED, net.model().daemons().getFirst().state());
        }
    }

    private static HistoryEntry action(long i) {
        return new HistoryEntry.OperatorAction(i, "who", "reserve", "10.0.0.1/17/" + (i % 65536), "ok");
    }

    private static void await(java.util.function.BooleanSupplier ok, Duration max, String what) throws Exception {
        long end = System.nanoTime() + max.toNanos();
        while (!ok.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    @Test
    void aClientTooFarBehindIsToldAndGoesOnFromTheOldestKeptCountingTheLoss() throws Exception {
        EventRing ring = new EventRing(1000);
        for (int i = 1; i <= 5000; i++) {
            ring.add(action(i));
        }
        List<Long> seqs = new CopyOnWriteArrayList<>();
        try (ManagementServer s = server(ring);
             AttachedNetwork net = AttachedNetwork.attach(List.of(new DaemonEndpoint("127.0.0.1", s.port())),
                 Credentials.of(pki.caPem, Optional.empty(), Optional.empty(), Optional.of(TOKEN)),
                 AttachedNetwork.Options.DEFAULT, (daemon, seq, e) -> seqs.add(seq))) {
            // A fresh client asks from 0; the ring keeps 4001..5000.
            await(() -> net.model().daemons().getFirst().lastSeq() == 5000, Duration.ofSeconds(20), "the backlog");
            AttachedNetwork.DaemonStatus st = net.model().daemons().getFirst();
            assertEquals(4000, st.lost(), "the entries no longer kept are counted, not hidden");
            assertEquals(1000, st.received());
            assertEquals(4001L, seqs.getFirst());
            ring.add(action(5001));
            await(() -> net.model().daemons().getFirst().lastSeq() == 5001, Duration.ofSeconds(10), "a live entry");
        }
    }

    /** How fast entries cross the channel: the default ring's backlog, then live entries as fast as they come. */
    @Test
    void streamRate() throws Exception {
        EventRing ring = new EventRing(ManagementConfig.DEFAULT_RING);
        for (int i = 1; i <= ManagementConfig.DEFAULT_RING; i++) {
            ring.add(action(i));
        }
        AtomicLong got = new AtomicLong();
        try (ManagementServer s = server(ring)) {
            long t0 = System.nanoTime();
            try (AttachedNetwork net = AttachedNetwork.attach(List.of(new DaemonEndpoint("127.0.0.1", s.port())),
                Credentials.of(pki.caPem, Optional.empty(), Optional.empty(), Optional.of(TOKEN)),
                AttachedNetwork.Options.DEFAULT, (daemon, seq, e) -> got.incrementAndGet())) {
                await(() -> got.get() == ManagementConfig.DEFAULT_RING, Duration.ofSeconds(60), "the backlog");
                long t1 = System.nanoTime();
                int live = 100_000;
                for (int i = 1; i <= live; i++) {
                    ring.add(action(ManagementConfig.DEFAULT_RING + i));
                }
                await(() -> got.get() == ManagementConfig.DEFAULT_RING + live, Duration.ofSeconds(60), "live");
                long t2 = System.nanoTime();
                AttachedNetwork.DaemonStatus st = net.model().daemons().getFirst();
                assertEquals(0, st.lost());
                assertEquals(1, st.attachments());
                System.out.printf("MANAGEMENT STREAM: backlog %d entries in %.0f ms (%.0f/s); %d live in %.0f ms"
                    + " (%.0f/s)%n", ManagementConfig.DEFAULT_RING, (t1 - t0) / 1e6,
                    ManagementConfig.DEFAULT_RING / ((t1 - t0) / 1e9), live, (t2 - t1) / 1e6, live / ((t2 - t1) / 1e9));
                assertTrue(t2 > t1);
            }
        }
    }
}
