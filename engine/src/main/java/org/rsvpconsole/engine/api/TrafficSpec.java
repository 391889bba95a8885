package org.rsvpconsole.engine.api;

/**
 * An IntServ token bucket TSpec (RFC 2210 §3.1, RFC 2215 §3.5).
 *
 * @param rate       r, bytes per second
 * @param bucket     b, bytes
 * @param peak       p, bytes per second (may be infinite)
 * @param minPoliced m, bytes
 * @param maxPacket  M, bytes
 */
public record TrafficSpec(double rate, double bucket, double peak, int minPoliced, int maxPacket) {

    public TrafficSpec {
        if (!(rate >= 0) || !(bucket >= 0) || !(peak >= rate) || minPoliced < 0 || maxPacket < minPoliced) {
            throw new IllegalArgumentException("token bucket needs r >= 0, b >= 0, p >= r, 0 <= m <= M: r=" + rate
                + " b=" + bucket + " p=" + peak + " m=" + minPoliced + " M=" + maxPacket);
        }
    }

    /** A bucket with rate r bytes/s, depth b bytes, infinite peak, m = 64 and M = 1500 bytes. */
    public static TrafficSpec of(double rateBytesPerSecond, double bucketBytes) {
        return new TrafficSpec(rateBytesPerSecond, bucketBytes, Double.POSITIVE_INFINITY, 64, 1500);
    }
}
