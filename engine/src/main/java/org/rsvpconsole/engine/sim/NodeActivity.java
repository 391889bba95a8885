package org.rsvpconsole.engine.sim;

/**
 * What a node did during a run, counted from its events (RsvpEvent).
 *
 * @param messagesSent       RSVP messages this node sent
 * @param messagesReceived   RSVP messages it received and processed
 * @param admissionFailures  reservations its admission control refused (RFC 2205 Appendix B code 1)
 * @param policyRejections   Path or Resv its local policy refused (code 2)
 * @param errorsReceived     PathErr and ResvErr that reached it as the end of their way (and failed API requests)
 * @param confirmations      ResvConf received by it as a receiver (RFC 2205 §3.1.9)
 * @param timeouts           path and reservation state that timed out here (RFC 2205 §3.7)
 * @param routeChanges       Paths it re-sent on a new route (local repair, RFC 2205 §3.6)
 * @param decodeFailures     datagrams it could not decode
 */
public record NodeActivity(long messagesSent, long messagesReceived, long admissionFailures, long policyRejections,
                           long errorsReceived, long confirmations, long timeouts, long routeChanges,
                           long decodeFailures) {

    /** Nothing counted (statistics were off). */
    public static final NodeActivity NONE = new NodeActivity(0, 0, 0, 0, 0, 0, 0, 0, 0);
}
