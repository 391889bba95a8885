package org.rsvpconsole.engine.policy;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.rsvpconsole.engine.codec.Flowspec;
import org.rsvpconsole.engine.codec.ControlledLoadFlowspec;
import org.rsvpconsole.engine.codec.GuaranteedFlowspec;
import org.rsvpconsole.engine.codec.SenderId;
import org.rsvpconsole.engine.codec.SenderTspec;
import org.rsvpconsole.engine.codec.Session;

/**
 * What a node asks its local policy about one new or changed Path or Resv.
 *
 * @param node             the name of the deciding node
 * @param direction        PATH for path state, RESV for a reservation request
 * @param session          the session
 * @param senders          the sender for a Path; the senders a Resv selects (empty for a wildcard WF request)
 * @param tspec            the SENDER_TSPEC (Path), or the summed TSpec of the selected senders where known
 * @param flowspec         the FLOWSPEC a Resv asks for; empty for a Path
 * @param service          the IntServ service of the flowspec, NONE for a Path
 * @param currentFlowCount the reservations (flows) already installed on this node before this request
 */
public record PolicyRequest(
    String node,
    Direction direction,
    Session session,
    List<SenderId> senders,
    Optional<SenderTspec> tspec,
    Optional<Flowspec> flowspec,
    Service service,
    int currentFlowCount) {

    /** Which message the request comes from. */
    public enum Direction {
        /** A Path message installs or changes path state (RFC 2209 §3.1). */
        PATH,
        /** A Resv message installs or changes a reservation (RFC 2209 §3.3). */
        RESV
    }

    /** The IntServ service the request is for (RFC 2211, RFC 2212). */
    public enum Service {
        NONE,
        CONTROLLED_LOAD,
        GUARANTEED;

        /** The service of a flowspec. */
        public static Service of(Flowspec flowspec) {
            return switch (flowspec) {
                case ControlledLoadFlowspec c -> CONTROLLED_LOAD;
                case GuaranteedFlowspec g -> GUARANTEED;
            };
        }
    }

    public PolicyRequest {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(session, "session");
        senders = List.copyOf(senders);
        Objects.requireNonNull(tspec, "tspec");
        Objects.requireNonNull(flowspec, "flowspec");
        Objects.requireNonNull(service, "service");
        if (currentFlowCount < 0) {
            throw new IllegalArgumentException("currentFlowCount must be >= 0: " + currentFlowCount);
        }
    }
}
