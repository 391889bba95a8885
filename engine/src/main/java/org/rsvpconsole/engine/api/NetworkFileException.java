package org.rsvpconsole.engine.api;

/**
 * A network file that cannot be opened. The message says which file, which line and which key, and is shown to the
 * operator as it is; no stack trace is captured.
 */
public final class NetworkFileException extends Exception {

    private static final long serialVersionUID = 1L;

    public NetworkFileException(String message) {
        super(message, null, false, false);
    }
}
