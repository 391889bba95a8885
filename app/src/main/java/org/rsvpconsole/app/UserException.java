package org.rsvpconsole.app;

/** A fault in what the user asked for (a bad file, a bad value): shown as one line, exit code 2, no stack trace. */
public final class UserException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public UserException(String message) {
        super(message);
    }
}
