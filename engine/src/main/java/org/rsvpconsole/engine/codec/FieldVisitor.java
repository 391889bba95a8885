package org.rsvpconsole.engine.codec;

import org.rsvpconsole.engine.api.IpAddress;

/**
 * Receives the decoded fields of an object in wire order: the one description of every field's name and value,
 * used by the JSON output of {@code decode} and by the console's dissector tree. Inside a list, names are null.
 */
public interface FieldVisitor {

    void number(String name, long value);

    /** A float exactly as carried on the wire (RFC 2210 §3.1 single precision). */
    void real(String name, float value);

    void text(String name, String value);

    /**
     * An IPv4 or IPv6 address, shown as {@link IpAddress#toString} shows it (dotted quad, RFC 5952). A visitor
     * that prints many may format it without the intermediate string; the default passes that string to
     * {@link #text}.
     */
    default void address(String name, IpAddress value) {
        text(name, value.toString());
    }

    /** Opaque bytes, shown as {@link Octets#hex()} shows them; the default passes that string to {@link #text}. */
    default void octets(String name, Octets value) {
        text(name, value.hex());
    }

    /**
     * A computed quantity that is not a wire field (a bandwidth in bytes per second, a delay): double precision.
     * Visitors that only show wire fields may keep the default, which shows it as a float.
     */
    default void decimal(String name, double value) {
        real(name, (float) value);
    }

    void bool(String name, boolean value);

    void beginGroup(String name);

    void endGroup();

    void beginList(String name);

    void endList();
}
