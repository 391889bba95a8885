package org.rsvpconsole.engine.policy;

import java.util.Objects;
import java.util.Optional;
import org.rsvpconsole.engine.codec.Flowspec;
import org.rsvpconsole.engine.codec.RsvpError;
import org.rsvpconsole.engine.codec.SenderTspec;

/** The outcome of {@link PolicyControl#decide}: accept (possibly with a changed TSpec/flowspec) or reject. */
public sealed interface PolicyDecision {

    /**
     * The request may proceed to admission control.
     *
     * @param tspec    the SENDER_TSPEC to use (the request's, or one the policy changed)
     * @param flowspec the FLOWSPEC to use (the request's, or one the policy changed; empty for a Path)
     * @param dscp     a DSCP to mark the flow with, if the policy sets one
     */
    record Accept(Optional<SenderTspec> tspec, Optional<Flowspec> flowspec, Optional<Integer> dscp)
        implements PolicyDecision {

        public Accept {
            Objects.requireNonNull(tspec, "tspec");
            Objects.requireNonNull(flowspec, "flowspec");
            Objects.requireNonNull(dscp, "dscp");
            dscp.ifPresent(d -> {
                if (d < 0 || d > 63) {
                    throw new IllegalArgumentException("DSCP is 6 bits: " + d);
                }
            });
        }
    }

    /**
     * The request is refused; the node answers with a PathErr or ResvErr carrying {@code error} (normally code 2,
     * Policy Control Failure, RFC 2205 Appendix B).
     */
    record Reject(RsvpError error, String reason) implements PolicyDecision {

        public Reject {
            Objects.requireNonNull(error, "error");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Accepts the request unchanged, without a DSCP. */
    static PolicyDecision accept(PolicyRequest request) {
        return new Accept(request.tspec(), request.flowspec(), Optional.empty());
    }
}
