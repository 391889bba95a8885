package org.rsvpconsole.engine.scenario;

import java.util.List;
import org.rsvpconsole.engine.config.ConfigException;
import org.rsvpconsole.engine.config.ConfigProblem;

/** A scenario file that cannot be used, with every problem found (file, line, key, how to fix); no stack trace. */
public final class ScenarioException extends ConfigException {

    private static final long serialVersionUID = 1L;

    public ScenarioException(List<ConfigProblem> problems) {
        super(problems);
    }
}
