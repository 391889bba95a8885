package org.rsvpconsole.engine.config;

import java.util.Objects;

/**
 * One problem in a file an operator wrote (topology, scenario, policy).
 *
 * @param file the file as the user named it
 * @param line 1-based line, or 0 when the problem concerns the whole file
 * @param context what it concerns, e.g. {@code link R1-R9} or {@code defaults} (may be empty)
 * @param message what is wrong and how to fix it
 */
public record ConfigProblem(String file, int line, String context, String message) {

    public ConfigProblem {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return file + (line > 0 ? " line " + line : "") + ": " + (context.isEmpty() ? "" : context + ": ") + message;
    }
}
