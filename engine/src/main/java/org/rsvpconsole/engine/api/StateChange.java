package org.rsvpconsole.engine.api;

/** What happened to a piece of soft state (RFC 2205 §3.7). */
public enum StateChange {
    /** New state was created. */
    INSTALLED,
    /** Existing state changed (a trigger message is sent at once, RFC 2205 §3.7). */
    CHANGED,
    /** Refreshes stopped and the state lifetime L expired (RFC 2205 §3.7). */
    TIMED_OUT,
    /** A teardown message (PathTear, ResvTear) or a local release removed it (RFC 2205 §3.1.7, §3.1.8). */
    TORN_DOWN
}
