package org.rsvpconsole.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rsvpconsole.engine.api.StateChange;
import org.rsvpconsole.persistence.api.EventStore;

/**
 * The same checks as {@link EventStoreTest}, against a real PostgreSQL server started for this class (a throwaway
 * cluster, see {@link PostgresCluster}). It fails when PostgreSQL cannot start: build/test installs it.
 */
class PostgresEventStoreTest extends EventStoreTest {

    private static PostgresCluster cluster;
    private String url;

    @BeforeAll
    static void startServer() throws Exception {
        cluster = PostgresCluster.start();
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    /** One database per test, the same one for every open within the test. */
    @Override
    protected String url() {
        if (url == null) {
            try {
                url = cluster.newDatabase();
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException("cannot create a test database: " + e.getMessage(), e);
            }
        }
        return url;
    }

    @Test
    void aSecondWriterOnTheSameDatabaseIsRefusedAndTheFirstGoesOn() throws Exception {
        try (EventStore first = EventStore.open(url()); EventStore second = EventStore.open(url())) {
            fill(first);
            // Opening is fine (reading needs no lock); writing is what a history allows once.
            second.offer(Histories.path(Histories.T0 + 9000, 90, "r9", StateChange.INSTALLED));
            second.flush();
            String failure = second.status().failure();
            assertNotNull(failure, "the second writer is stopped");
            assertTrue(failure.contains("another process is recording into"), failure);
            first.offer(Histories.path(Histories.T0 + 5000, 6, "r1", StateChange.INSTALLED));
            first.flush();
            assertNull(first.status().failure());
            assertEquals(8, first.status().committed(), "the first writer's entries, none of the second's");
            assertNull(first.checkContiguous());
        }
    }
}
