package org.rsvpconsole.engine.codec;

/**
 * An ERROR_SPEC error code and error value (RFC 2205 Appendix B), as a node would send it.
 *
 * @param code  the 8-bit error code
 * @param value the 16-bit error value (for codes 1 and 2 the {@code ssur cccc cccc cccc} layout of Appendix B)
 */
public record RsvpError(int code, int value) {

    public String codeName() {
        return ErrorCodes.codeName(code);
    }

    public String valueName() {
        return ErrorCodes.valueName(code, value);
    }

    @Override
    public String toString() {
        String v = valueName();
        return "error " + code + " (" + codeName() + "), value " + value + (v.isEmpty() ? "" : " (" + v + ")");
    }
}
