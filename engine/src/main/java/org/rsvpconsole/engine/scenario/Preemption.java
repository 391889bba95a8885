package org.rsvpconsole.engine.scenario;

/**
 * A reservation's priorities (RFC 3181 preemption priority policy element): the priority it is set up with, which
 * must exceed the defending priority of reservations it would preempt, and the priority it defends itself with.
 * Higher values are higher priorities.
 *
 * @param setup  preemption priority, 0..65535
 * @param defend defending priority, 0..65535
 */
public record Preemption(int setup, int defend) {

    public Preemption {
        if (setup < 0 || setup > 0xffff || defend < 0 || defend > 0xffff) {
            throw new IllegalArgumentException("priorities are 0 to 65535: setup " + setup + ", defend " + defend);
        }
    }
}
