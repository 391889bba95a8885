package org.rsvpconsole.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rsvpconsole.persistence.api.EventFilter;
import org.rsvpconsole.persistence.api.EventStore;
import org.rsvpconsole.persistence.api.HistoryEntry;
import org.rsvpconsole.persistence.api.StoredEntry;

/**
 * The durability rule under a hard kill: a child JVM ({@link CrashWriter}) records events into an H2 file and
 * reports each commit; it is killed with SIGKILL at a random moment, 20 times. After each kill the store opens,
 * its ids and stream sequences are contiguous, and every entry acknowledged as committed is there, unchanged.
 */
class CrashTest {

    @TempDir
    Path dir;

    @Test
    void twentyHardKillsLoseNothingCommitted() throws Exception {
        Path db = dir.resolve("crash");
        Random random = new Random(20261122);
        long total = 0;
        for (int round = 1; round <= 20; round++) {
            Process child = new ProcessBuilder(javaBinary(), "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                CrashWriter.class.getName(), db.toString()).redirectError(dir.resolve("child.err").toFile()).start();
            AtomicLong acked = new AtomicLong();
            CountDownLatch ready = new CountDownLatch(1);
            Thread reader = Thread.ofPlatform().start(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8))) {
                    for (String line = r.readLine(); line != null; line = r.readLine()) {
                        if (line.startsWith("READY")) {
                            ready.countDown();
                        } else if (line.startsWith("ACK ")) {
                            acked.accumulateAndGet(Long.parseLong(line.substring(4)), Math::max);
                        }
                    }
                } catch (java.io.IOException e) {
                    // The child was killed: the pipe ends.
                }
            });
            assertTrue(ready.await(120, TimeUnit.SECONDS), () -> "round " + childError() + " never got ready");
            Thread.sleep(random.nextInt(1000));
            child.destroyForcibly(); // SIGKILL on Linux
            assertTrue(child.waitFor(60, TimeUnit.SECONDS));
            reader.join();
            long ack = acked.get();

            try (EventStore store = EventStore.open(db.toString())) {
                assertNull(store.checkContiguous(), "round " + round);
                long committed = store.status().committed();
                assertTrue(committed >= ack, "round " + round + ": acknowledged " + ack + ", found " + committed);
                List<StoredEntry> all = store.events(EventFilter.all(Integer.MAX_VALUE));
                assertEquals(committed, all.size());
                for (StoredEntry e : all) {
                    // The child gave each event its expected id as engine sequence: nothing moved or vanished.
                    assertEquals(e.id(), ((HistoryEntry.Engine) e.entry()).event().sequence(), "round " + round);
                }
                assertTrue(committed >= total, "the log never shrinks");
                total = committed;
            }
        }
        assertTrue(total > 0, "the children committed something");
    }

    private String childError() {
        try {
            return Files.readString(dir.resolve("child.err"));
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command().orElse(
            Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }
}
