package org.rsvpconsole.engine.sim;

import org.rsvpconsole.engine.codec.FieldVisitor;

/** Renders a description as indented text, one field per line: a readable, comparable form for tests. */
final class TextVisitor implements FieldVisitor {

    private final StringBuilder sb = new StringBuilder();
    private int depth;

    private void line(String name, Object value) {
        sb.append("  ".repeat(depth)).append(name == null ? "-" : name).append(value == null ? "" : " = " + value)
            .append('\n');
    }

    @Override
    public void number(String name, long value) {
        line(name, value);
    }

    @Override
    public void real(String name, float value) {
        line(name, value);
    }

    @Override
    public void decimal(String name, double value) {
        line(name, value);
    }

    @Override
    public void text(String name, String value) {
        line(name, "\"" + value + "\"");
    }

    @Override
    public void bool(String name, boolean value) {
        line(name, value);
    }

    @Override
    public void beginGroup(String name) {
        line(name, null);
        depth++;
    }

    @Override
    public void endGroup() {
        depth--;
    }

    @Override
    public void beginList(String name) {
        line(name, "[");
        depth++;
    }

    @Override
    public void endList() {
        depth--;
    }

    @Override
    public String toString() {
        return sb.toString();
    }
}
