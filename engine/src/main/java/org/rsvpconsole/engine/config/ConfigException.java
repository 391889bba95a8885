package org.rsvpconsole.engine.config;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A file an operator wrote that cannot be used, with every problem found: each names the file, the line, what it
 * concerns and how to fix it. The message is meant to be shown as it is, so no stack trace is captured.
 */
public abstract class ConfigException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient List<ConfigProblem> problems;

    protected ConfigException(List<ConfigProblem> problems) {
        super(problems.stream().map(ConfigProblem::toString).collect(Collectors.joining("\n")), null, false, false);
        this.problems = List.copyOf(problems);
    }

    public List<ConfigProblem> problems() {
        return problems;
    }
}
