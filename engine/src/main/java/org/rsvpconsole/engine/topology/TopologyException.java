package org.rsvpconsole.engine.topology;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A topology file that cannot be used, with every problem found: each names the file, the line, what it concerns
 * and how to fix it, e.g. {@code topo.yaml line 12: link R1-R9: node 'R9' is not defined (nodes are R1..R8)}.
 * The message is meant to be shown as it is, without a stack trace.
 */
public final class TopologyException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient List<Problem> problems;

    public TopologyException(List<Problem> problems) {
        super(problems.stream().map(Problem::toString).collect(Collectors.joining("\n")), null, false, false);
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }

    /**
     * One problem.
     *
     * @param file the file as the user named it
     * @param line 1-based line, or 0 when the problem concerns the whole file
     * @param context what it concerns, e.g. {@code link R1-R9} or {@code defaults} (may be empty)
     * @param message what is wrong and how to fix it
     */
    public record Problem(String file, int line, String context, String message) {

        @Override
        public String toString() {
            return file + (line > 0 ? " line " + line : "") + ": " + (context.isEmpty() ? "" : context + ": ")
                + message;
        }
    }
}
