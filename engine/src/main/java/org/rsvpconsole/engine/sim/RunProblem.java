package org.rsvpconsole.engine.sim;

import java.util.Objects;

/**
 * An operation of the scenario that could not be carried out as written when it ran, e.g. a reservation that
 * leaves its flowspec to the senders' TSpec before any Path reached the receiver.
 *
 * @param atNanos   when the operation ran
 * @param line      its line in the scenario file (0 for generated operations without one)
 * @param operation the operation's keyword
 * @param message   what happened and why
 */
public record RunProblem(long atNanos, int line, String operation, String message) {

    public RunProblem {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(message, "message");
    }
}
