package org.rsvpconsole.engine.policy;

import java.util.List;
import org.rsvpconsole.engine.config.ConfigException;
import org.rsvpconsole.engine.config.ConfigProblem;

/** A policy file that cannot be used, with every problem found (file, line, key, how to fix); no stack trace. */
public final class PolicyException extends ConfigException {

    private static final long serialVersionUID = 1L;

    public PolicyException(List<ConfigProblem> problems) {
        super(problems);
    }
}
