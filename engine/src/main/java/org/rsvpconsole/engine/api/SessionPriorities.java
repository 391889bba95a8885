package org.rsvpconsole.engine.api;

/**
 * The preemption priorities a session's reservation was requested with: RFC 3181 §2.2 setup and defending priority
 * (RFC 3209 §4.7 calls them setup and holding). Lower numbers are more important in RFC 3209, higher in RFC 3181;
 * the console shows them as given.
 */
public record SessionPriorities(int setup, int hold) {

    public SessionPriorities {
        if (setup < 0 || setup > 0xffff || hold < 0 || hold > 0xffff) {
            throw new IllegalArgumentException("priorities are 0 to 65535: setup " + setup + ", hold " + hold);
        }
    }

    /** As {@code show ip rsvp reservation} prints them: setup/hold. */
    @Override
    public String toString() {
        return setup + "/" + hold;
    }
}
