package org.rsvpconsole.engine.api;

/** Receives a node's events, on the node's event loop, in order. Must be quick and must not throw. */
@FunctionalInterface
public interface EventSink {

    /** Drops every event. */
    EventSink NONE = e -> { };

    void accept(RsvpEvent event);
}
