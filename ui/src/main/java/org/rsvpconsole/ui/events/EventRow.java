package org.rsvpconsole.ui.events;

import org.rsvpconsole.engine.api.RsvpEvent;
import org.rsvpconsole.engine.api.SessionId;

/**
 * One line of the event log: when, where, what kind, the session it concerns (if any), a summary, and the event
 * itself for the inspector.
 */
public record EventRow(String time, String node, String kind, SessionId session, String summary, RsvpEvent event) {

    public String sessionText() {
        return session == null ? "" : session.toString();
    }
}
