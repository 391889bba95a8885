package org.rsvpconsole.engine.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.rsvpconsole.engine.node.NeighbourConfig.HmacAlgorithm;
import org.rsvpconsole.engine.node.NeighbourConfig.IntegrityKey;

/** The neighbour options: off by default, checked when built, key material not shared with callers. */
class NeighbourConfigTest {

    @Test
    void everythingIsOffByDefault() {
        assertFalse(NodeConfig.DEFAULT.neighbours().active());
        assertTrue(NeighbourConfig.NONE.withHello(NeighbourConfig.Hello.ON).active());
        assertTrue(NeighbourConfig.NONE.withRefreshReduction(NeighbourConfig.RefreshReduction.ON).active());
        assertEquals(3, NeighbourConfig.RefreshReduction.ON.retransmitLimit());
        assertEquals(500_000_000L, NeighbourConfig.RefreshReduction.ON.rfNanos());
    }

    @Test
    void badValuesAreRefusedWithWhatIsNeeded() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> new NeighbourConfig.RefreshReduction(true, 1000, 3, 0, true));
        assertTrue(e.getMessage().contains("Rf >= 1 ms"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
            () -> IntegrityKey.shared(1L << 48, HmacAlgorithm.HMAC_SHA_256, new byte[] {1}));
        assertThrows(IllegalArgumentException.class,
            () -> IntegrityKey.shared(1, HmacAlgorithm.HMAC_SHA_256, new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> new NeighbourConfig.Hello(true, 10, 0.5));
    }

    @Test
    void keyMaterialIsCopiedInAndOut() {
        byte[] secret = {1, 2, 3};
        IntegrityKey k = IntegrityKey.shared(9, HmacAlgorithm.HMAC_MD5, secret);
        secret[0] = 42;
        k.secret()[1] = 42;
        assertEquals(1, k.secret()[0]);
        assertEquals(2, k.secret()[1]);
        assertEquals(16, HmacAlgorithm.HMAC_MD5.digestLength());
        assertEquals(32, HmacAlgorithm.HMAC_SHA_256.digestLength());
    }
}
