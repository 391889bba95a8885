package org.rsvpconsole.engine.api;

import java.util.List;

/**
 * One line of a decoded message as a dissector shows it: a name, a value as text ("" for a group) and the fields
 * inside it.
 */
public record DissectedField(String name, String value, List<DissectedField> children) {
    public DissectedField {
        children = List.copyOf(children);
    }
}
