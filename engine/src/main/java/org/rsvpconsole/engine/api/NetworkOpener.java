package org.rsvpconsole.engine.api;

import java.nio.file.Path;

/** Opens a network described by files: the console's File > Open. Called off the UI thread; may take a while. */
public interface NetworkOpener {

    /**
     * Reads {@code topology} (and the traffic mix beside it, if there is one) and builds the network, started.
     *
     * @throws NetworkFileException what is wrong with the files, in the loaders' words (file, line, key)
     */
    LiveNetwork open(Path topology) throws NetworkFileException;
}
