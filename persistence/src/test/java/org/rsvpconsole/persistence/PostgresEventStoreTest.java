package org.rsvpconsole.persistence;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

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
}
