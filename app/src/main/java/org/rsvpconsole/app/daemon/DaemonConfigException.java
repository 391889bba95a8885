package org.rsvpconsole.app.daemon;

import java.util.List;
import org.rsvpconsole.engine.config.ConfigException;
import org.rsvpconsole.engine.config.ConfigProblem;

/** A daemon configuration that cannot be used, with every problem found (file, line, key, how to fix). */
public final class DaemonConfigException extends ConfigException {

    private static final long serialVersionUID = 1L;

    public DaemonConfigException(List<ConfigProblem> problems) {
        super(problems);
    }
}
