package org.rsvpconsole.engine.sim;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.rsvpconsole.engine.api.FlowRequest;
import org.rsvpconsole.engine.api.ExplicitHop;
import org.rsvpconsole.engine.api.IpAddress;
import org.rsvpconsole.engine.api.LspView;
import org.rsvpconsole.engine.api.RecordedHop;
import org.rsvpconsole.engine.api.LinkDirectionView;
import org.rsvpconsole.engine.api.NeighbourView;
import org.rsvpconsole.engine.api.NodeStateView;
import org.rsvpconsole.engine.api.ReservationView;
import org.rsvpconsole.engine.api.SenderAddress;
import org.rsvpconsole.engine.api.ServiceClass;
import org.rsvpconsole.engine.api.SessionId;
import org.rsvpconsole.engine.codec.FieldVisitor;
import org.rsvpconsole.engine.virtualnet.LinkCounters;

/**
 * The state of the virtual network at the end of a {@link ScenarioRun}: per link direction the reservations on it
 * and the bandwidth still free, per node the state it holds and what it did, and the operations that could not be
 * carried out. {@link #describe} names every field (the {@code simulate} command's JSON).
 *
 * @param scenario      the scenario's name
 * @param topology      the topology's name
 * @param seed          the seed the run used
 * @param untilNanos    the virtual time of the snapshot
 * @param operations    operations carried out (generators expanded), up to {@code untilNanos}
 * @param sessionNames  names the scenario gave sessions, for display
 * @param addressOwners the node owning each address of the topology, for display
 */
public record SimulationReport(String scenario, String topology, long seed, long untilNanos, int operations,
                               List<LinkReport> links, List<NodeReport> nodes, List<RunProblem> problems,
                               Map<SessionId, String> sessionNames, Map<IpAddress, String> addressOwners) {

    public SimulationReport {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(topology, "topology");
        links = List.copyOf(links);
        nodes = List.copyOf(nodes);
        problems = List.copyOf(problems);
        sessionNames = Map.copyOf(sessionNames);
        addressOwners = Map.copyOf(addressOwners);
    }

    /** Total reservations on all link directions. */
    public int reservationCount() {
        int n = 0;
        for (LinkReport l : links) {
            n += l.view().reservations().size();
        }
        return n;
    }

    /** Every field in a fixed order: the same run gives the same description. */
    public void describe(FieldVisitor v) {
        v.text("scenario", scenario);
        v.text("topology", topology);
        v.number("seed", seed);
        v.number("untilNanos", untilNanos);
        v.number("operations", operations);
        v.beginList("links");
        for (LinkReport l : links) {
            describeLink(v, l);
        }
        v.endList();
        v.beginList("nodes");
        for (NodeReport n : nodes) {
            describeNode(v, n);
        }
        v.endList();
        v.beginList("problems");
        for (RunProblem p : problems) {
            v.beginGroup(null);
            v.number("atNanos", p.atNanos());
            v.number("line", p.line());
            v.text("operation", p.operation());
            v.text("message", p.message());
            v.endGroup();
        }
        v.endList();
    }

    private void describeLink(FieldVisitor v, LinkReport l) {
        LinkDirectionView d = l.view();
        v.beginGroup(null);
        v.text("link", d.link());
        v.text("from", d.fromNode());
        v.text("interface", d.fromInterface());
        v.text("to", d.toNode());
        v.bool("up", d.up());
        v.decimal("capacityBytesPerSecond", d.capacityBytesPerSecond());
        v.decimal("perFlowMaxBytesPerSecond", d.perFlowMaxBytesPerSecond());
        v.decimal("reservedBytesPerSecond", l.reservedBytesPerSecond());
        v.decimal("freeBytesPerSecond", d.freeBytesPerSecond());
        v.decimal("peakReservedBytesPerSecond", l.peakReservedBytesPerSecond());
        LinkCounters c = l.datagrams();
        v.beginGroup("datagrams");
        v.number("sent", c.sent());
        v.number("delivered", c.delivered());
        v.number("lost", c.lost());
        v.number("droppedDown", c.droppedDown());
        v.endGroup();
        v.beginList("reservations");
        for (ReservationView r : d.reservations()) {
            v.beginGroup(null);
            describeSession(v, "session", r.session());
            v.text("style", r.style().name());
            v.beginList("senders");
            for (SenderAddress s : r.senders()) {
                describeSender(v, null, s);
            }
            v.endList();
            describeFlow(v, "flowspec", r.flowspec());
            v.decimal("reservedBytesPerSecond", r.reservedBytesPerSecond());
            v.endGroup();
        }
        v.endList();
        v.endGroup();
    }

    private void describeNode(FieldVisitor v, NodeReport n) {
        NodeStateView s = n.state();
        NodeActivity a = n.activity();
        v.beginGroup(null);
        v.text("node", s.node());
        v.bool("rsvp", s.rsvp());
        v.number("sessions", s.sessions());
        v.number("paths", s.paths());
        v.number("reservations", s.reservations());
        v.number("blockades", s.blockades());
        v.number("messagesSent", a.messagesSent());
        v.number("messagesReceived", a.messagesReceived());
        v.number("admissionFailures", a.admissionFailures());
        v.number("policyRejections", a.policyRejections());
        v.number("errorsReceived", a.errorsReceived());
        v.number("confirmations", a.confirmations());
        v.number("timeouts", a.timeouts());
        v.number("routeChanges", a.routeChanges());
        v.number("decodeFailures", a.decodeFailures());
        if (!n.lsps().isEmpty()) {
            v.beginList("lsps");
            for (LspView l : n.lsps()) {
                describeLsp(v, l);
            }
            v.endList();
        }
        if (!n.neighbours().isEmpty()) {
            v.beginList("neighbours");
            for (NeighbourView nv : n.neighbours()) {
                describeNeighbour(v, nv);
            }
            v.endList();
        }
        v.endGroup();
    }

    /** One LSP at one node (RFC 3209): identity, role, attributes, labels, explicit and recorded routes. */
    private static void describeLsp(FieldVisitor v, LspView l) {
        v.beginGroup(null);
        v.text("name", l.name());
        v.text("role", l.role().name());
        v.text("headEnd", l.id().headEnd().toString());
        v.text("tailEnd", l.id().tailEnd().toString());
        v.number("tunnelId", l.id().tunnelId());
        v.number("lspId", l.id().lspId());
        v.number("setupPriority", l.setupPriority());
        v.number("holdingPriority", l.holdingPriority());
        v.number("flags", l.flags());
        v.decimal("bandwidthBytesPerSecond", l.bandwidthBytesPerSecond());
        v.bool("up", l.up());
        v.number("inLabel", l.labels().inLabel());
        v.text("inInterface", l.labels().inInterface());
        v.number("outLabel", l.labels().outLabel());
        v.text("outInterface", l.labels().outInterface());
        v.beginList("explicitRoute");
        for (ExplicitHop h : l.explicitRoute()) {
            v.text(null, h.toString());
        }
        v.endList();
        v.beginList("recordedRoute");
        for (RecordedHop h : l.recordedRoute()) {
            v.text(null, h.toString());
        }
        v.endList();
        v.endGroup();
    }

    /** One neighbour's refresh-reduction, integrity and Hello state and counters (RFC 2961, 2747, 3209 §5). */
    private void describeNeighbour(FieldVisitor v, NeighbourView n) {
        v.beginGroup(null);
        v.text("neighbour", n.neighbour().toString());
        String owner = addressOwners.get(n.neighbour());
        if (owner != null) {
            v.text("node", owner);
        }
        v.text("interface", n.interfaceName());
        v.bool("refreshReduction", n.refreshReduction());
        v.bool("capabilityKnown", n.capabilityKnown());
        v.text("hello", n.helloState());
        v.number("integrityKeyId", n.integrityKeyId());
        v.number("integrityFailures", n.integrityFailures());
        v.number("retransmissions", n.retransmissions());
        v.number("acksSent", n.acksSent());
        v.number("acksReceived", n.acksReceived());
        v.number("nacksSent", n.nacksSent());
        v.number("nacksReceived", n.nacksReceived());
        v.number("srefreshIdsSent", n.srefreshIdsSent());
        v.number("srefreshIdsReceived", n.srefreshIdsReceived());
        v.number("deliveryFailures", n.deliveryFailures());
        v.number("unacknowledged", n.unacknowledged());
        for (String dir : List.of("sent", "received")) {
            v.beginGroup(dir);
            new java.util.TreeMap<>(dir.equals("sent") ? n.sent() : n.received()).forEach(v::number);
            v.endGroup();
        }
        v.endGroup();
    }

    /** A session: the scenario's name for it (when it has one), destination, protocol, port. */
    public void describeSession(FieldVisitor v, String name, SessionId id) {
        v.beginGroup(name);
        String label = sessionNames.get(id);
        if (label != null) {
            v.text("name", label);
        }
        String owner = addressOwners.get(id.destination());
        if (owner != null) {
            v.text("node", owner);
        }
        v.text("destination", id.destination().toString());
        v.number("protocol", id.protocol());
        v.number("port", id.port());
        v.endGroup();
    }

    private void describeSender(FieldVisitor v, String name, SenderAddress s) {
        v.beginGroup(name);
        String owner = addressOwners.get(s.address());
        if (owner != null) {
            v.text("node", owner);
        }
        v.text("address", s.address().toString());
        v.number("port", s.port());
        v.endGroup();
    }

    /** A flowspec: service, token bucket (bytes, bytes/s) and, for Guaranteed, R (bytes/s) and slack (us). */
    public static void describeFlow(FieldVisitor v, String name, FlowRequest f) {
        v.beginGroup(name);
        v.text("service", EventFields.serviceName(f.service()));
        EventFields.describeTspec(v, f.tspec());
        if (f.service() == ServiceClass.GUARANTEED) {
            v.decimal("R", f.rate());
            v.number("slackMicros", f.slackMicros());
        }
        v.endGroup();
    }
}
