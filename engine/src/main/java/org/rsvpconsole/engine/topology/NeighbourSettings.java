package org.rsvpconsole.engine.topology;

import java.util.List;
import org.rsvpconsole.engine.api.IpAddress;

/**
 * What a topology file says one node does toward its RSVP neighbours beyond RFC 2205 (its {@code neighbours:}
 * section over the file's network-wide one): refresh reduction (RFC 2961), message integrity (RFC 2747) and Hello
 * (RFC 3209 §5). Plain values; {@code engine.node.NeighbourConfig.of} turns them into the node's configuration.
 * A null parameter means the engine's default (RFC 2961 §6's Rf and Rl, RFC 3209 §5.3's Hello interval).
 *
 * @param refreshReduction RFC 2961, or {@link RefreshReduction#OFF}
 * @param integrity        keys, or {@link Integrity#OFF}
 * @param hello            Hello, or {@link Hello#OFF}
 */
public record NeighbourSettings(RefreshReduction refreshReduction, Integrity integrity, Hello hello) {

    public static final NeighbourSettings NONE = new NeighbourSettings(RefreshReduction.OFF, Integrity.OFF,
        Hello.OFF);

    /** Whether anything is switched on. */
    public boolean active() {
        return refreshReduction.enabled() || !integrity.keys().isEmpty() || hello.enabled();
    }

    /**
     * @param rfNanos          first retransmission interval, null for the default
     * @param retransmitLimit  Rl, null for the default
     * @param summaryHoldNanos how long Srefresh identifiers may wait, null for the default
     * @param bundling         Bundle messages, null for the default
     */
    public record RefreshReduction(boolean enabled, Long rfNanos, Integer retransmitLimit, Long summaryHoldNanos,
                                   Boolean bundling) {
        public static final RefreshReduction OFF = new RefreshReduction(false, null, null, null, null);
        public static final RefreshReduction ON = new RefreshReduction(true, null, null, null, null);
    }

    /** The keyed-hash algorithms of RFC 2747 §2, as files name them. */
    public enum Algorithm {
        HMAC_SHA_256("hmac-sha256"),
        HMAC_MD5("hmac-md5");

        private final String keyword;

        Algorithm(String keyword) {
            this.keyword = keyword;
        }

        public String keyword() {
            return keyword;
        }
    }

    /**
     * One integrity key.
     *
     * @param neighbours      the neighbour addresses it is shared with; empty for every neighbour
     * @param keyId           the 48-bit key identifier (RFC 2747 §3.1)
     * @param validFromNanos  first instant (node clock) it is valid
     * @param validUntilNanos instant from which it is no longer valid (key rollover)
     */
    public record Key(List<IpAddress> neighbours, long keyId, Algorithm algorithm, byte[] secret,
                      long validFromNanos, long validUntilNanos) {

        public Key {
            neighbours = List.copyOf(neighbours);
            secret = secret.clone();
        }

        @Override
        public byte[] secret() {
            return secret.clone();
        }

        /** Never the key material: keys must not end up in logs. */
        @Override
        public String toString() {
            return "Key[id " + keyId + ", " + algorithm.keyword() + (neighbours.isEmpty() ? ", every neighbour"
                : ", " + neighbours) + "]";
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.neighbours.equals(neighbours) && k.keyId == keyId
                && k.algorithm == algorithm && java.util.Arrays.equals(k.secret, secret)
                && k.validFromNanos == validFromNanos && k.validUntilNanos == validUntilNanos;
        }

        @Override
        public int hashCode() {
            return Long.hashCode(keyId) * 31 + neighbours.hashCode();
        }
    }

    /** @param handshake answer a neighbour's first message with an Integrity Challenge (RFC 2747 §5.1) */
    public record Integrity(List<Key> keys, boolean handshake) {
        public static final Integrity OFF = new Integrity(List.of(), false);

        public Integrity {
            keys = List.copyOf(keys);
        }
    }

    /**
     * @param intervalNanos the Hello interval, null for the default
     * @param deadIntervals intervals without a Hello before the neighbour is dead, null for the default
     */
    public record Hello(boolean enabled, Long intervalNanos, Double deadIntervals) {
        public static final Hello OFF = new Hello(false, null, null);
    }
}
