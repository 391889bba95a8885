package org.rsvpconsole.engine.topology;

import java.util.List;
import org.rsvpconsole.engine.config.ConfigException;
import org.rsvpconsole.engine.config.ConfigProblem;

/**
 * A topology file that cannot be used, with every problem found: each names the file, the line, what it concerns
 * and how to fix it, e.g. {@code topo.yaml line 12: link R1-R9: node 'R9' is not defined (nodes are R1..R8)}.
 * The message is meant to be shown as it is, without a stack trace.
 */
public final class TopologyException extends ConfigException {

    private static final long serialVersionUID = 1L;

    public TopologyException(List<ConfigProblem> problems) {
        super(problems);
    }
}
