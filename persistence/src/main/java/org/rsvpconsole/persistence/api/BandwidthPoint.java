package org.rsvpconsole.persistence.api;

/**
 * Reserved bandwidth of one link direction ("link fromNode>toNode") or one session (summed over every direction)
 * from {@code atNanos} until the next point with the same key.
 */
public record BandwidthPoint(long atNanos, String key, double reservedBytesPerSecond) {
}
