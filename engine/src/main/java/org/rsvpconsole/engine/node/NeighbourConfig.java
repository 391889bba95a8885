package org.rsvpconsole.engine.node;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.rsvpconsole.engine.api.IpAddress;
import org.rsvpconsole.engine.topology.NeighbourSettings;

/**
 * What a node does between itself and each RSVP neighbour beyond RFC 2205: refresh reduction (RFC 2961), message
 * integrity (RFC 2747, RFC 3097) and Hello (RFC 3209 §5). All off by default: a node then sends exactly what
 * RFC 2205 sends.
 *
 * @param refreshReduction RFC 2961 parameters, or {@link RefreshReduction#OFF}
 * @param integrity        keys and handshake, or {@link Integrity#OFF}
 * @param hello            Hello interval, or {@link Hello#OFF}
 */
public record NeighbourConfig(RefreshReduction refreshReduction, Integrity integrity, Hello hello) {

    public static final NeighbourConfig NONE = new NeighbourConfig(RefreshReduction.OFF, Integrity.OFF, Hello.OFF);

    /** Whether anything here is switched on (otherwise the node needs no neighbour layer at all). */
    public boolean active() {
        return refreshReduction.enabled() || !integrity.keys().isEmpty() || hello.enabled();
    }

    /**
     * The configuration a topology file's {@code neighbours:} settings describe; what the file leaves out takes
     * {@link RefreshReduction#ON}'s and {@link Hello#ON}'s values.
     */
    public static NeighbourConfig of(NeighbourSettings s) {
        NeighbourSettings.RefreshReduction r = s.refreshReduction();
        RefreshReduction on = RefreshReduction.ON;
        RefreshReduction rr = !r.enabled() ? RefreshReduction.OFF : new RefreshReduction(true,
            r.rfNanos() != null ? r.rfNanos() : on.rfNanos(),
            r.retransmitLimit() != null ? r.retransmitLimit() : on.retransmitLimit(),
            r.summaryHoldNanos() != null ? r.summaryHoldNanos() : on.summaryHoldNanos(),
            r.bundling() != null ? r.bundling() : on.bundling());
        List<IntegrityKey> keys = new ArrayList<>();
        for (NeighbourSettings.Key k : s.integrity().keys()) {
            HmacAlgorithm a = HmacAlgorithm.valueOf(k.algorithm().name());
            if (k.neighbours().isEmpty()) {
                keys.add(new IntegrityKey(null, k.keyId(), a, k.secret(), k.validFromNanos(), k.validUntilNanos()));
            }
            for (IpAddress n : k.neighbours()) {
                keys.add(new IntegrityKey(n, k.keyId(), a, k.secret(), k.validFromNanos(), k.validUntilNanos()));
            }
        }
        NeighbourSettings.Hello h = s.hello();
        Hello hello = !h.enabled() ? Hello.OFF : new Hello(true,
            h.intervalNanos() != null ? h.intervalNanos() : Hello.ON.intervalNanos(),
            h.deadIntervals() != null ? h.deadIntervals() : Hello.ON.deadIntervals());
        return new NeighbourConfig(rr, new Integrity(keys, s.integrity().handshake()), hello);
    }

    public NeighbourConfig withRefreshReduction(RefreshReduction r) {
        return new NeighbourConfig(r, integrity, hello);
    }

    public NeighbourConfig withIntegrity(Integrity i) {
        return new NeighbourConfig(refreshReduction, i, hello);
    }

    public NeighbourConfig withHello(Hello h) {
        return new NeighbourConfig(refreshReduction, integrity, h);
    }

    /**
     * RFC 2961 refresh reduction.
     *
     * @param enabled          sets the Refresh-Reduction-Capable flag and uses MESSAGE_ID, Ack, Bundle and
     *                         Srefresh toward neighbours that set it too (§2)
     * @param rfNanos          Rf, the first retransmission interval (§6: 500 ms suggested); doubled every try
     * @param retransmitLimit  Rl, retransmissions before a trigger message is given up (§6: 3 suggested)
     * @param summaryHoldNanos how long refreshed identifiers may wait to fill a Srefresh up to the MTU (§5.3)
     * @param bundling         whether messages to one neighbour at one instant travel in Bundle messages (§3)
     */
    public record RefreshReduction(boolean enabled, long rfNanos, int retransmitLimit, long summaryHoldNanos,
                                   boolean bundling) {

        public static final RefreshReduction OFF = new RefreshReduction(false, 500_000_000L, 3, 0, false);
        public static final RefreshReduction ON = new RefreshReduction(true, 500_000_000L, 3,
            Duration.ofSeconds(2).toNanos(), true);

        public RefreshReduction {
            if (rfNanos < 1_000_000 || retransmitLimit < 0 || summaryHoldNanos < 0) {
                throw new IllegalArgumentException("need Rf >= 1 ms, Rl >= 0 and a hold time >= 0");
            }
        }

        public RefreshReduction withRetransmitLimit(int rl) {
            return new RefreshReduction(enabled, rfNanos, rl, summaryHoldNanos, bundling);
        }
    }

    /** The keyed-hash algorithms of RFC 2747 §2 this engine signs and checks with. */
    public enum HmacAlgorithm {
        HMAC_SHA_256("HmacSHA256", 32),
        HMAC_MD5("HmacMD5", 16);

        private final String jcaName;
        private final int digestLength;

        HmacAlgorithm(String jcaName, int digestLength) {
            this.jcaName = jcaName;
            this.digestLength = digestLength;
        }

        public String jcaName() {
            return jcaName;
        }

        public int digestLength() {
            return digestLength;
        }
    }

    /**
     * One integrity key (RFC 2747 §3.1: a key is named by its sender and 48-bit key identifier).
     *
     * @param neighbour      the neighbour it is shared with; null for every neighbour
     * @param keyId          the key identifier
     * @param validFromNanos first instant (node clock) it may sign; checking accepts it from then on too
     * @param validUntilNanos instant from which it is no longer accepted (key rollover, §3.1)
     */
    public record IntegrityKey(IpAddress neighbour, long keyId, HmacAlgorithm algorithm, byte[] secret,
                               long validFromNanos, long validUntilNanos) {

        public IntegrityKey {
            if (keyId < 0 || keyId > 0xffff_ffff_ffffL || secret == null || secret.length == 0
                || validUntilNanos <= validFromNanos) {
                throw new IllegalArgumentException("need a 48-bit key id, a secret and a validity interval");
            }
            secret = secret.clone();
        }

        /** Never the key material: configurations end up in logs and test reports. */
        @Override
        public String toString() {
            return "IntegrityKey[id " + keyId + ", " + algorithm + ", " + (neighbour == null ? "every neighbour"
                : neighbour) + "]";
        }

        /** A copy: the key material stays inside the configuration. */
        @Override
        public byte[] secret() {
            return secret.clone();
        }

        /** A key shared with every neighbour, valid for ever. */
        public static IntegrityKey shared(long keyId, HmacAlgorithm algorithm, byte[] secret) {
            return new IntegrityKey(null, keyId, algorithm, secret, Long.MIN_VALUE, Long.MAX_VALUE);
        }

        boolean appliesTo(IpAddress n) {
            return neighbour == null || neighbour.equals(n);
        }

        boolean validAt(long nanos) {
            return nanos >= validFromNanos && nanos < validUntilNanos;
        }
    }

    /**
     * RFC 2747 integrity.
     *
     * @param keys      the keys; messages to a neighbour with a key are signed, messages from it must verify
     * @param handshake answer the first message of a neighbour (unknown sequence number, e.g. after a restart)
     *                  with an Integrity Challenge and accept nothing from it until the Response verifies (§5.1)
     */
    public record Integrity(List<IntegrityKey> keys, boolean handshake) {

        public static final Integrity OFF = new Integrity(List.of(), false);

        public Integrity {
            keys = List.copyOf(keys);
        }
    }

    /**
     * RFC 3209 §5 Hello.
     *
     * @param intervalNanos the Hello interval (5 ms in RFC 3209 §5.3)
     * @param deadIntervals how many intervals without a Hello declare the neighbour dead (3.5 in §5.3)
     */
    public record Hello(boolean enabled, long intervalNanos, double deadIntervals) {

        public static final Hello OFF = new Hello(false, 5_000_000L, 3.5);
        public static final Hello ON = new Hello(true, 5_000_000L, 3.5);

        public Hello {
            if (intervalNanos < 1_000 || deadIntervals < 1) {
                throw new IllegalArgumentException("need a Hello interval >= 1 us and at least one interval");
            }
        }
    }
}
