package org.rsvpconsole.engine.capture;

import java.io.IOException;

/** The file does not start like a pcap or pcapng file; the message says what its first bytes were. */
public final class NotACaptureException extends IOException {

    private static final long serialVersionUID = 1L;

    public NotACaptureException(String message) {
        super(message);
    }
}
