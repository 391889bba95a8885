package org.rsvpconsole.engine.codec;

/**
 * Internal control flow of the decoder: raised at the first fault and turned into a {@link DecodeError} value at
 * the codec boundary, so nothing outside the codec ever sees it. No stack trace is filled in (cheap).
 */
final class MalformedInput extends RuntimeException {

    private static final long serialVersionUID = 1L;

    final transient DecodeError error;

    MalformedInput(DecodeError error) {
        super(error.reason(), null, false, false);
        this.error = error;
    }
}
