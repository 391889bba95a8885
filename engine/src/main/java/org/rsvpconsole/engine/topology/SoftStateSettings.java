package org.rsvpconsole.engine.topology;

/**
 * What a topology file's {@code soft-state:} section says about a node's soft state (RFC 2205 §3.7); 0 for a
 * parameter the file leaves to the node's own configuration.
 *
 * @param refreshNanos R, the refresh period
 * @param keepMultiplier K; state lives (K + 0.5) · 1.5 · R after its last refresh
 * @param tearCopies   copies of each PathTear and ResvTear the node sends (decision 0025)
 */
public record SoftStateSettings(long refreshNanos, int keepMultiplier, int tearCopies) {

    /** Nothing said. */
    public static final SoftStateSettings NONE = new SoftStateSettings(0, 0, 0);

    /** True when the file says anything. */
    public boolean any() {
        return refreshNanos > 0 || keepMultiplier > 0 || tearCopies > 0;
    }

    /** These settings with the parameters {@code over} says replacing them (a node's section over the file's). */
    public SoftStateSettings with(SoftStateSettings over) {
        return new SoftStateSettings(over.refreshNanos > 0 ? over.refreshNanos : refreshNanos,
            over.keepMultiplier > 0 ? over.keepMultiplier : keepMultiplier,
            over.tearCopies > 0 ? over.tearCopies : tearCopies);
    }
}
