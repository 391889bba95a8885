package org.rsvpconsole.engine.capture;

/** How an RSVP message travelled. */
public enum Transport {
    /** Directly in IP, protocol number 46 (RFC 2205 §3). */
    RAW_IP,
    /** Encapsulated in UDP, ports 1698/1699 (RFC 2205 Appendix C). */
    UDP
}
