package org.rsvpconsole.persistence.api;

/** The store could not be opened or used; the message is for the operator. */
public final class StoreException extends RuntimeException {

    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
