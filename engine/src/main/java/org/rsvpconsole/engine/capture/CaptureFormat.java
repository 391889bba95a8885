package org.rsvpconsole.engine.capture;

/** The file formats {@link CaptureReader} reads. */
public enum CaptureFormat {
    /** libpcap: microsecond or nanosecond timestamps, either byte order. */
    PCAP,
    /** pcapng (draft-ietf-opsawg-pcapng): sections in either byte order, several interfaces. */
    PCAPNG
}
