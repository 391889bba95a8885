package org.rsvpconsole.engine.api;

import java.util.List;
import java.util.Objects;

/**
 * One RFC 3175 aggregate as its deaggregator sees it: the aggregate reservation between aggregator and
 * deaggregator for one DSCP, and the end-to-end microflows it carries.
 *
 * @param name                     the aggregate's name in the scenario ("Y")
 * @param session                  the aggregate reservation's session (to the deaggregator; its reservations on
 *                                 the region's links are in {@link LinkDirectionView#reservations})
 * @param aggregator               the node where the microflows enter the region (the aggregate's sender)
 * @param deaggregator             the node where they leave it (the aggregate's receiver, which sizes it)
 * @param dscp                     the Diffserv code point the aggregator marks the microflows with (DCLASS, RFC 2996)
 * @param reservedBytesPerSecond   what the deaggregator reserves for the aggregate now (its request toward the
 *                                 aggregator, in bulk steps; 0 when released)
 * @param bulkBytesPerSecond       the step the aggregate grows and shrinks by (RFC 3175 §1.4.5)
 * @param hysteresisBytesPerSecond it shrinks only when at least a step plus this much is unused
 * @param priority                 the aggregate's RFC 3181 set-up and defending priorities, null without
 * @param microflows               the microflows admitted into it, oldest first, then those it preempted (newest
 *                                 preemption last) until their session is admitted again
 */
public record AggregateView(String name, SessionId session, String aggregator, String deaggregator, int dscp,
                            double reservedBytesPerSecond, double bulkBytesPerSecond, double hysteresisBytesPerSecond,
                            SessionPriorities priority, List<Microflow> microflows) {

    /** Whether a microflow is carried by the aggregate or was preempted from it. */
    public enum State {
        /** Admitted into the aggregate: its end-to-end Resv went on toward the aggregator. */
        ADMITTED,
        /**
         * Preempted by the deaggregator when the aggregate was reduced or preempted (ResvErr 2/5 to its receivers,
         * ResvTear toward the aggregator).
         */
        PREEMPTED
    }

    /**
     * One end-to-end microflow of the aggregate at the deaggregator.
     *
     * @param session                 the microflow's end-to-end session
     * @param senders                 its senders as the deaggregator's path state knows them
     * @param bandwidthBytesPerSecond what it asks of the aggregate (its merged Resv toward the aggregator); for a
     *                                preempted one, what it had when it was preempted
     * @param setupPriority           RFC 3181 preemption priority of its request (0 without PREEMPTION_PRI)
     * @param defendingPriority       RFC 3181 defending priority of its request (0 without)
     * @param state                   admitted or preempted
     */
    public record Microflow(SessionId session, List<SenderAddress> senders, double bandwidthBytesPerSecond,
                            int setupPriority, int defendingPriority, State state) {

        public Microflow {
            Objects.requireNonNull(session, "session");
            Objects.requireNonNull(state, "state");
            senders = List.copyOf(senders);
        }
    }

    public AggregateView {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(session, "session");
        microflows = List.copyOf(microflows);
    }

    /** The microflows the aggregate carries now (not those it preempted). */
    public List<Microflow> admitted() {
        return microflows.stream().filter(m -> m.state() == State.ADMITTED).toList();
    }

    /** What the admitted microflows ask for together, bytes/s. */
    public double microflowBytesPerSecond() {
        return admitted().stream().mapToDouble(Microflow::bandwidthBytesPerSecond).sum();
    }
}
