package org.rsvpconsole.engine.node;

import org.rsvpconsole.engine.codec.PolicyElement.PreemptionPriority;

/**
 * How one node takes part in preemption (RFC 3181) and reservation reduction (RFC 4495).
 *
 * @param partialPreemption true if the node implements RFC 4495: as the preempting router it reduces a
 *                          reservation when part of its bandwidth is enough, and as a receiver (or deaggregator) it
 *                          answers a reduction (ResvErr code 2 value 102) by asking for less; false gives the
 *                          RFC 2205 / RFC 3181 behaviour: whole reservations are preempted, and a receiver gives up
 *                          on any preemption or reduction error (RFC 4495 §6)
 * @param mergeStrategy     the RFC 3181 §5.1 strategy this node's own requests carry, and the one used when merged
 *                          requests disagree: 1 highest QoS, 2 highest priority, 3 error on heterogeneous merge
 * @param newestFirst       among reservations with the same defending priority, preempt the newest first (true) or
 *                          the oldest (false)
 */
public record PreemptionSettings(boolean partialPreemption, int mergeStrategy, boolean newestFirst) {

    /** RFC 4495 on, highest-priority merge, newest first. */
    public static final PreemptionSettings DEFAULT =
        new PreemptionSettings(true, PreemptionPriority.MERGE_HIGHEST_PRIORITY, true);

    /** A node without the RFC 4495 extension (RFC 2205 / RFC 3181 behaviour). */
    public static final PreemptionSettings WITHOUT_RFC4495 =
        new PreemptionSettings(false, PreemptionPriority.MERGE_HIGHEST_PRIORITY, true);

    public PreemptionSettings {
        if (mergeStrategy < PreemptionPriority.MERGE_HIGHEST_QOS
            || mergeStrategy > PreemptionPriority.MERGE_ERROR_ON_HETEROGENEOUS) {
            throw new IllegalArgumentException("RFC 3181 merge strategies are 1, 2 and 3: " + mergeStrategy);
        }
    }
}
