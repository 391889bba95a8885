package org.rsvpconsole.engine.codec;

/**
 * Receives the decoded fields of an object in wire order: the one description of every field's name and value,
 * used by the JSON output of {@code decode} and by the console's dissector tree. Inside a list, names are null.
 */
public interface FieldVisitor {

    void number(String name, long value);

    /** A float exactly as carried on the wire (RFC 2210 §3.1 single precision). */
    void real(String name, float value);

    void text(String name, String value);

    void bool(String name, boolean value);

    void beginGroup(String name);

    void endGroup();

    void beginList(String name);

    void endList();
}
