package org.rsvpconsole.engine.codec;

/** Small checks shared by object parsers. */
final class BodyChecks {

    private BodyChecks() {
    }

    /**
     * Fails unless a reserved (must-be-zero) field is zero: the records have no place for such bits, so accepting
     * them would re-encode the object differently from what was received.
     */
    static void mustBeZero(WireReader r, long value, String field) {
        if (value != 0) {
            throw r.fail(r.what() + ": the " + field + " field must be zero, was " + value);
        }
    }
}
