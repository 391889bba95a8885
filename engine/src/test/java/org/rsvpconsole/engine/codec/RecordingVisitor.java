package org.rsvpconsole.engine.codec;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A {@link FieldVisitor} that records fields as {@code name=value} and checks the visitor contract as it goes:
 * groups and lists balance, names are null exactly inside a list, and every name is lowerCamelCase.
 */
final class RecordingVisitor implements FieldVisitor {

    private final List<String> events = new ArrayList<>();
    private final Deque<Boolean> inList = new ArrayDeque<>();

    List<String> events() {
        if (!inList.isEmpty()) {
            throw new AssertionError("unbalanced groups/lists: " + events);
        }
        return events;
    }

    private String name(String name) {
        boolean list = !inList.isEmpty() && inList.peek();
        if (list != (name == null)) {
            throw new AssertionError((list ? "a list item must have no name: " : "a field needs a name: ") + name);
        }
        if (name != null && !name.matches("[a-z][A-Za-z0-9]*")) {
            throw new AssertionError("not lowerCamelCase: " + name);
        }
        return name == null ? "" : name + "=";
    }

    @Override
    public void number(String name, long value) {
        events.add(name(name) + value);
    }

    @Override
    public void real(String name, float value) {
        events.add(name(name) + value);
    }

    @Override
    public void text(String name, String value) {
        events.add(name(name) + value);
    }

    @Override
    public void bool(String name, boolean value) {
        events.add(name(name) + value);
    }

    @Override
    public void beginGroup(String name) {
        events.add("{" + (name == null ? "" : name(name).replace("=", "")));
        inList.push(false);
    }

    @Override
    public void endGroup() {
        if (inList.isEmpty() || inList.pop()) {
            throw new AssertionError("endGroup without beginGroup");
        }
        events.add("}");
    }

    @Override
    public void beginList(String name) {
        events.add("[" + name(name).replace("=", ""));
        inList.push(true);
    }

    @Override
    public void endList() {
        if (inList.isEmpty() || !inList.pop()) {
            throw new AssertionError("endList without beginList");
        }
        events.add("]");
    }
}
