package org.rsvpconsole.engine.codec;

/** Small checks shared by object parsers; faults point at the field, not past it. */
final class BodyChecks {

    private BodyChecks() {
    }

    /**
     * Reads a reserved (must-be-zero) byte and fails unless it is zero: the records have no place for such bits, so
     * accepting them would re-encode the object differently from what was received.
     */
    static void zeroU8(WireReader r, String field) {
        int at = r.offset();
        checkZero(r, at, r.u8(), field);
    }

    /** As {@link #zeroU8} for a 16-bit field. */
    static void zeroU16(WireReader r, String field) {
        int at = r.offset();
        checkZero(r, at, r.u16(), field);
    }

    /** Fails unless {@code value}, read from the field at message offset {@code at}, is zero. */
    static void checkZero(WireReader r, int at, long value, String field) {
        if (value != 0) {
            throw failAt(r, at, r.what() + ": the " + field + " field must be zero, was " + value);
        }
    }

    /** A body fault ("object body does not match its C-Type") at message offset {@code at}. */
    static MalformedInput failAt(WireReader r, int at, String reason) {
        return failAt(at, new RsvpError(ErrorCodes.RSVP_SYSTEM_ERROR, ErrorCodes.SYS_BAD_OBJECT_BODY), reason);
    }

    static MalformedInput failAt(int at, RsvpError error, String reason) {
        return new MalformedInput(new DecodeError(error, at, reason, DecodeError.Reaction.SEND_ERROR));
    }
}
