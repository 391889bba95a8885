package org.rsvpconsole.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rsvpconsole.persistence.Histories.T0;

import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rsvpconsole.engine.api.StateChange;
import org.rsvpconsole.persistence.api.BandwidthPoint;
import org.rsvpconsole.persistence.api.EventFilter;
import org.rsvpconsole.persistence.api.EventStore;
import org.rsvpconsole.persistence.api.HistoryEntry;
import org.rsvpconsole.persistence.api.NetworkState;
import org.rsvpconsole.persistence.api.StoreStatus;
import org.rsvpconsole.persistence.api.StoredEntry;
import org.rsvpconsole.persistence.jdbc.JdbcEventStore;

/** The store against an embedded H2 file; {@link PostgresEventStoreTest} runs the same checks on PostgreSQL. */
class EventStoreTest {

    @TempDir
    Path dir;

    protected String url() {
        return dir.resolve("h").toString();
    }

    static void fill(EventStore store) throws InterruptedException {
        store.offer(Histories.topology());
        store.offer(Histories.path(T0 + 1000, 1, "r1", StateChange.INSTALLED));
        store.offer(Histories.reservation(T0 + 2000, 2, 300_000));
        store.offer(new HistoryEntry.OperatorAction(T0 + 2500, "alice", "reserve", "10.0.0.9/17/5000", "ok"));
        store.offer(Histories.message(T0 + 2600, 3, "r2"));
        store.offer(Histories.reservation(T0 + 3000, 4, 0));
        store.offer(Histories.path(T0 + 4000, 5, "r1", StateChange.TORN_DOWN));
        store.flush();
    }

    @Test
    void appendsQueriesAndReplays() throws Exception {
        try (EventStore store = EventStore.open(url())) {
            fill(store);
            assertNull(store.checkContiguous());
            assertEquals(7, store.status().committed());
            List<StoredEntry> all = store.events(EventFilter.all(100));
            assertEquals(7, all.size());
            assertEquals(List.of(1L, 1L, 2L, 1L, 1L, 3L, 4L), all.stream().map(StoredEntry::seq).toList());
            assertEquals("alice reserve 10.0.0.9/17/5000: ok", all.get(3).summary());
            assertEquals(2, store.events(EventFilter.all(100).withKind("Reservation")).size());
            assertEquals(1, store.events(EventFilter.all(100).withNode("r2")).size());
            assertEquals(5, store.events(EventFilter.all(100).withSession("10.0.0.9/17/5000")).size());
            assertEquals(1, store.events(EventFilter.all(100).withText("ALICE")).size());
            assertEquals(2, store.events(EventFilter.all(100).between(T0 + 1500, T0 + 2550)).size());

            NetworkState mid = store.stateAt(T0 + 2700);
            assertEquals(300_000, mid.directions().get(0).reservations().get(0).reservedBytesPerSecond());
            assertEquals(700_000, mid.directions().get(0).freeBytesPerSecond());
            assertEquals(1, mid.nodes().get(0).paths().size());
            NetworkState end = store.stateAt(T0 + 5000);
            assertTrue(end.directions().get(0).reservations().isEmpty());
            assertTrue(end.nodes().get(0).paths().isEmpty());
            assertEquals(0, store.stateAt(T0 - 1).lastId());

            List<BandwidthPoint> perLink = store.bandwidth(T0, T0 + 5000, false);
            assertEquals(List.of(new BandwidthPoint(T0 + 2000, "l1 r1>r2", 300_000),
                new BandwidthPoint(T0 + 3000, "l1 r1>r2", 0)), perLink);
            assertEquals(2, store.bandwidth(T0, T0 + 5000, true).size());

            StringWriter csv = new StringWriter();
            EventStore.writeCsv(all, csv);
            assertTrue(csv.toString().startsWith("id,stream,seq,time,kind,node,session,summary\n1,topology,1,"));
            StringWriter json = new StringWriter();
            EventStore.writeJson(all.subList(3, 4), json);
            assertTrue(json.toString().contains("\"summary\": \"alice reserve 10.0.0.9/17/5000: ok\""), json::toString);

            Path export = dir.resolve("export.history");
            store.exportHistory(export);
            try (EventStore copy = EventStore.open(dir.resolve("copy").toString())) {
                assertEquals(7, copy.importHistory(export));
                assertEquals(store.stateAt(T0 + 2700), copy.stateAt(T0 + 2700));
                assertEquals(all.stream().map(StoredEntry::summary).toList(),
                    copy.events(EventFilter.all(100)).stream().map(StoredEntry::summary).toList());
            }
        }
        try (EventStore reopened = EventStore.open(url())) {
            reopened.offer(Histories.path(T0 + 6000, 6, "r1", StateChange.INSTALLED));
            reopened.flush();
            assertNull(reopened.checkContiguous());
            assertEquals(3, reopened.events(EventFilter.all(100).withNode("r1")).stream()
                .filter(e -> e.kind().equals("PathState")).count());
        }
    }

    @Test
    void snapshotsBoundReplayAndAgreeWithIt() throws Exception {
        try (EventStore store = EventStore.open(url())) {
            store.offer(Histories.topology());
            for (int i = 1; i <= 25_000; i++) {
                store.offer(Histories.reservation(T0 + i * 1000L, i, i % 7 * 1000.0));
            }
            store.flush();
            assertNull(store.checkContiguous());
            NetworkState s = store.stateAt(T0 + 12_345_000L);
            assertEquals(12_346, s.lastId());
            assertEquals(12_345 % 7 * 1000.0, s.directions().get(0).reservations().isEmpty() ? 0.0
                : s.directions().get(0).reservations().get(0).reservedBytesPerSecond());
        }
    }

    @Test
    void fallingBehindIsSignalledAndALossIsWrittenIntoTheHistory() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (EventStore store = JdbcEventStore.open(url(), 1000)) {
            // A commit listener runs on the writer thread: holding it stalls the writer as a slow disk would.
            store.onCommit(id -> {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            assertTrue(store.offer(Histories.topology()));
            while (store.status().committed() < 1) {
                Thread.sleep(5);
            }
            assertFalse(store.status().degraded());
            assertNull(store.status().message());
            for (int i = 1; i <= 100; i++) {
                assertTrue(store.offer(Histories.message(T0 + i, i, "r1")));
            }
            StoreStatus behind = store.status();
            assertTrue(behind.behind() && behind.degraded(), behind::toString);
            assertEquals(0, behind.lost());
            assertTrue(behind.message().startsWith("history store is falling behind: 100 of 1000"),
                behind::message);
            int refused = 0;
            for (int i = 101; i <= 1100; i++) {
                refused += store.offer(Histories.message(T0 + i, i, "r1")) ? 0 : 1;
            }
            assertEquals(100, refused, "the buffer holds 1000");
            assertEquals(100, store.status().lost());
            assertTrue(store.status().message().contains("100 entries could not be recorded"),
                store.status()::message);

            release.countDown();
            store.flush();
            List<StoredEntry> lost = store.events(EventFilter.all(10).withKind("EntriesLost"));
            assertEquals(1, lost.size(), "the loss is in the history itself");
            assertEquals(100, ((HistoryEntry.EntriesLost) lost.getFirst().entry()).count());
            assertEquals(1 + 1000 + 1, store.status().committed());
            assertNull(store.checkContiguous());
        }
    }
}
