package org.rsvpconsole.ui.replay;

import java.util.Map;
import org.rsvpconsole.ui.live.EventPump;

/**
 * What the timeline drives: the console's root view model, the same one live batches reach. Replay resets it and
 * feeds it recorded events and reconstructed snapshots as {@link EventPump.Batch}es, so live and replay views are
 * built by the same code and cannot drift apart (decision 0009).
 */
public interface ReplayTarget {

    /** Forgets everything shown (tables, log, map state, charts, inspector). */
    void reset();

    /** Applies a batch exactly as a live pulse would. */
    void feed(EventPump.Batch batch);

    /** While true, live batches from the pump are not shown. */
    void setReplaying(boolean replaying);

    /** From now on, keep the live events the pump delivers (going back to live). */
    void beginStash();

    /**
     * Back to live after the recording was fed: applies the live events kept since {@link #beginStash} and then
     * every live batch, except the events already fed from the recording ({@code recorded}: per node, the highest
     * sequence fed), so no event is shown twice or missed.
     */
    void resumeLive(Map<String, Long> recorded, long engineNowNanos);
}
