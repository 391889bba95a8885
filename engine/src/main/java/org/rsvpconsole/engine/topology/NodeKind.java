package org.rsvpconsole.engine.topology;

/** What a node of the virtual network is. */
public enum NodeKind {
    /** Forwards datagrams between its interfaces and runs RSVP on each of them. */
    ROUTER,
    /** An end system: sends and receives, never forwards (routing never passes through a host, even multi-homed). */
    HOST;

    /** The word used in topology files. */
    public String keyword() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
