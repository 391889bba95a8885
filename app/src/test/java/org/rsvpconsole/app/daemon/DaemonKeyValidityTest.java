package org.rsvpconsole.app.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rsvpconsole.engine.node.NeighbourConfig;
import org.rsvpconsole.engine.node.NeighbourConfig.IntegrityKey;

/** A daemon's key validity ("valid-from: 10min") counts from the daemon's start on the monotonic clock. */
class DaemonKeyValidityTest {

    @Test
    void validityIsTimeFromTheStart() throws Exception {
        DaemonConfig c = DaemonConfig.parse("""
            interfaces:
              - {name: eth0, bandwidth: 1M}
            neighbours:
              integrity:
                keys:
                  - {id: 1, key: "0x0102"}
                  - {id: 2, key: "0x0304", valid-from: 10min, valid-until: 1h}
            """, "k.yaml");
        long start = 5_000_000_000_000L;
        List<IntegrityKey> keys = RsvpDaemon.keysFrom(c.nodeConfig().neighbours(), start).integrity().keys();
        assertEquals(Long.MIN_VALUE, keys.get(0).validFromNanos(), "unbounded stays unbounded");
        assertEquals(Long.MAX_VALUE, keys.get(0).validUntilNanos());
        assertEquals(start + 600_000_000_000L, keys.get(1).validFromNanos());
        assertEquals(start + 3_600_000_000_000L, keys.get(1).validUntilNanos());
        assertEquals(2, keys.get(1).keyId());
        assertEquals(NeighbourConfig.NONE, RsvpDaemon.keysFrom(NeighbourConfig.NONE, start));
    }
}
