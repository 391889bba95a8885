package org.rsvpconsole.app.daemon;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.rsvpconsole.engine.api.EventSink;
import org.rsvpconsole.engine.api.IpAddress;
import org.rsvpconsole.engine.api.LabelEntry;
import org.rsvpconsole.engine.api.LspView;
import org.rsvpconsole.engine.api.NeighbourView;
import org.rsvpconsole.engine.api.RsvpEvent;
import org.rsvpconsole.engine.api.SenderAddress;
import org.rsvpconsole.engine.api.SessionId;
import org.rsvpconsole.engine.api.StateChange;
import org.rsvpconsole.engine.codec.FieldVisitor;
import org.rsvpconsole.engine.node.RsvpNode;
import org.rsvpconsole.engine.topology.Interface;
import org.rsvpconsole.engine.topology.LinkDirection;
import org.rsvpconsole.engine.topology.LinkUnits;
import org.rsvpconsole.engine.topology.Topology;

/**
 * What {@code status} shows, kept from the node's events on the node's loop (the only thread that touches it):
 * path state (senders), reservation requests, installed reservations, neighbours (previous and next hops, and
 * non-RSVP clouds seen through Send_TTL), per-type message counters; the interfaces' bandwidth comes from the
 * node itself. The content of {@code show ip rsvp sender|reservation|interface|neighbor|counters}.
 */
final class DaemonState implements EventSink {

    record PathRow(SessionId session, SenderAddress sender, String incoming, IpAddress previousHop, double rate,
                   double bucket, List<String> outgoing) {
    }

    record RequestRow(SessionId session, String outgoing, IpAddress nextHop, String style, String service,
                      double bandwidth, List<SenderAddress> senders) {
    }

    record ReservationRow(SessionId session, String outgoing, String style, double reserved,
                          List<SenderAddress> senders) {
    }

    record NonRsvpRow(SessionId session, SenderAddress sender, String incoming, int sendTtl, int ipTtl) {
    }

    private final Map<List<Object>, PathRow> paths = new LinkedHashMap<>();
    private final Map<List<Object>, RequestRow> requests = new LinkedHashMap<>();
    private final Map<List<Object>, ReservationRow> reservations = new LinkedHashMap<>();
    private final Map<List<Object>, NonRsvpRow> nonRsvp = new LinkedHashMap<>();
    private final Map<String, long[]> counters = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();
    private final EventSink next;

    DaemonState(EventSink next) {
        this.next = Objects.requireNonNull(next, "next");
    }

    @Override
    public void accept(RsvpEvent e) {
        switch (e) {
            case RsvpEvent.PathState p -> {
                List<Object> key = List.of(p.session(), p.sender());
                if (p.change() == StateChange.INSTALLED || p.change() == StateChange.CHANGED) {
                    paths.put(key, new PathRow(p.session(), p.sender(), p.interfaceName(), p.previousHop(),
                        p.tspec().rate(), p.tspec().bucket(), p.outgoing()));
                } else {
                    paths.remove(key);
                    nonRsvp.remove(key);
                }
            }
            case RsvpEvent.ResvState r -> {
                List<Object> key = List.of(r.session(), r.interfaceName(), r.nextHop(), r.style(), r.senders());
                if (r.change() == StateChange.INSTALLED || r.change() == StateChange.CHANGED) {
                    requests.put(key, new RequestRow(r.session(), r.interfaceName(), r.nextHop(), r.style().name(),
                        r.flowspec().service().name(), r.flowspec().bandwidth(), r.senders()));
                } else {
                    requests.remove(key);
                }
            }
            case RsvpEvent.Reservation r -> {
                List<Object> key = List.of(r.session(), r.interfaceName(), r.style(), r.senders());
                if (r.reservedBytesPerSecond() > 0) {
                    reservations.put(key, new ReservationRow(r.session(), r.interfaceName(), r.style().name(),
                        r.reservedBytesPerSecond(), r.senders()));
                } else {
                    reservations.remove(key);
                }
            }
            case RsvpEvent.RouteChanged rc -> paths.computeIfPresent(List.of(rc.session(), rc.sender()),
                (k, p) -> new PathRow(p.session(), p.sender(), p.incoming(), p.previousHop(), p.rate(), p.bucket(),
                    rc.newInterfaces()));
            case RsvpEvent.NonRsvpHopDetected n -> nonRsvp.put(List.of(n.session(), n.sender()),
                new NonRsvpRow(n.session(), n.sender(), n.interfaceName(), n.sendTtl(), n.ipTtl()));
            case RsvpEvent.MessageSent m -> counters.computeIfAbsent(m.messageType(), k -> new long[2])[0]++;
            case RsvpEvent.MessageReceived m -> counters.computeIfAbsent(m.messageType(), k -> new long[2])[1]++;
            case RsvpEvent.AdmissionFailed a -> remember("admission failed on " + a.interfaceName() + " for "
                + a.session());
            case RsvpEvent.PolicyRejected p -> remember("policy rejected " + p.direction() + " for " + p.session()
                + ": " + p.reason());
            case RsvpEvent.ErrorReceived er -> remember(er.messageType() + " for " + er.session() + " from "
                + er.errorNode() + ": " + er.codeName() + (er.valueName().isEmpty() ? "" : ", " + er.valueName()));
            case RsvpEvent.DecodeFailed d -> remember("undecodable message on " + d.interfaceName() + ": "
                + d.reason());
            case RsvpEvent.NeighbourEvent n when n.kind().equals("HELLO_DOWN") || n.kind().startsWith("INTEGRITY_F")
                -> remember(n.kind() + " " + n.neighbour() + (n.interfaceName().isEmpty() ? "" : " on "
                    + n.interfaceName()) + ": " + n.detail());
            default -> {
            }
        }
        next.accept(e);
    }

    private void remember(String problem) {
        if (problems.size() >= 20) {
            problems.remove(0);
        }
        problems.add(problem);
    }

    /** The most recent problem (an error, a refusal), or "" (tells the operator why an LSP did not start). */
    String lastProblem() {
        return problems.isEmpty() ? "" : problems.get(problems.size() - 1);
    }

    /** The status as fields (JSON through {@code JsonWriter}); bandwidths in bits per second. */
    void describe(String nodeName, String role, String encapsulation, RsvpNode node, Topology topology,
                  FieldVisitor v) {
        v.text("node", nodeName);
        v.text("role", role);
        v.text("encapsulation", encapsulation);
        v.beginList("interfaces");
        for (Interface i : topology.interfacesOf(node.node())) {
            LinkDirection d = topology.link(i).direction(i);
            double reserved = node.reservedOn(i) * 8;
            v.beginGroup(null);
            v.text("name", i.name());
            v.text("address", i.address().toString());
            v.number("reservable_bps", d.reservableBps());
            v.number("per_flow_bps", d.perFlowMaxBps());
            v.decimal("reserved_bps", reserved);
            v.decimal("free_bps", Math.max(0, d.reservableBps() - reserved));
            v.endGroup();
        }
        v.endList();
        v.beginList("senders");
        for (PathRow p : paths.values()) {
            v.beginGroup(null);
            v.text("session", p.session().toString());
            v.text("sender", p.sender().toString());
            v.text("interface", p.incoming());
            v.text("previous_hop", p.previousHop().toString());
            v.decimal("rate_bps", p.rate() * 8);
            v.decimal("burst_bytes", p.bucket());
            v.beginList("outgoing");
            p.outgoing().forEach(o -> v.text(null, o));
            v.endList();
            v.endGroup();
        }
        v.endList();
        v.beginList("requests");
        for (RequestRow r : requests.values()) {
            v.beginGroup(null);
            v.text("session", r.session().toString());
            v.text("interface", r.outgoing());
            v.text("next_hop", r.nextHop().toString());
            v.text("style", r.style());
            v.text("service", r.service());
            v.decimal("bps", r.bandwidth() * 8);
            v.beginList("senders");
            r.senders().forEach(s -> v.text(null, s.toString()));
            v.endList();
            v.endGroup();
        }
        v.endList();
        v.beginList("reservations");
        for (ReservationRow r : reservations.values()) {
            v.beginGroup(null);
            v.text("session", r.session().toString());
            v.text("interface", r.outgoing());
            v.text("style", r.style());
            v.decimal("reserved_bps", r.reserved() * 8);
            v.beginList("senders");
            r.senders().forEach(s -> v.text(null, s.toString()));
            v.endList();
            v.endGroup();
        }
        v.endList();
        v.beginList("neighbours");
        Map<String, String> seen = new LinkedHashMap<>();
        for (PathRow p : paths.values()) {
            if (!p.incoming().isEmpty()) {
                seen.putIfAbsent(p.previousHop() + "|" + p.incoming(), "previous-hop");
            }
        }
        for (RequestRow r : requests.values()) {
            if (!r.outgoing().isEmpty()) {
                seen.putIfAbsent(r.nextHop() + "|" + r.outgoing(), "next-hop");
            }
        }
        for (Map.Entry<String, String> n : seen.entrySet()) {
            String[] parts = n.getKey().split("\\|", 2);
            v.beginGroup(null);
            v.text("address", parts[0]);
            v.text("interface", parts[1]);
            v.text("role", n.getValue());
            v.endGroup();
        }
        v.endList();
        // RFC 2961, RFC 2747 and Hello state per neighbour: a key id, never the key.
        v.beginList("neighbour_channels");
        for (NeighbourView n : node.neighbourViews()) {
            v.beginGroup(null);
            v.text("address", n.neighbour().toString());
            v.text("interface", n.interfaceName());
            v.bool("refresh_reduction", n.refreshReduction());
            v.text("hello", n.helloState());
            v.number("integrity_key_id", n.integrityKeyId());
            v.number("integrity_failures", n.integrityFailures());
            v.number("retransmissions", n.retransmissions());
            v.number("acks_sent", n.acksSent());
            v.number("acks_received", n.acksReceived());
            v.number("nacks_sent", n.nacksSent());
            v.number("nacks_received", n.nacksReceived());
            v.number("srefresh_ids_sent", n.srefreshIdsSent());
            v.number("srefresh_ids_received", n.srefreshIdsReceived());
            v.number("delivery_failures", n.deliveryFailures());
            v.number("unacknowledged", n.unacknowledged());
            v.endGroup();
        }
        v.endList();
        // RFC 3209: the LSPs with path state here and this node's label table, read from the node itself.
        v.beginList("lsps");
        for (LspView l : node.lsps()) {
            v.beginGroup(null);
            v.text("name", l.name());
            v.text("role", l.role().name().toLowerCase(java.util.Locale.ROOT));
            v.text("tail_end", l.id().tailEnd().toString());
            v.number("tunnel_id", l.id().tunnelId());
            v.text("extended_tunnel_id", l.id().extendedTunnelId().toString());
            v.text("head_end", l.id().headEnd().toString());
            v.number("lsp_id", l.id().lspId());
            v.bool("up", l.up());
            v.decimal("bandwidth_bps", l.bandwidthBytesPerSecond() * 8);
            v.number("setup_priority", l.setupPriority());
            v.number("holding_priority", l.holdingPriority());
            v.number("flags", l.flags());
            v.text("style", l.style() == null ? "" : l.style().name());
            v.beginList("explicit_route");
            l.explicitRoute().forEach(h -> v.text(null, h.toString()));
            v.endList();
            v.beginList("recorded_route");
            l.recordedRoute().forEach(h -> v.text(null, h.toString()));
            v.endList();
            v.endGroup();
        }
        v.endList();
        v.beginList("labels");
        for (LabelEntry e : node.labelTable()) {
            v.beginGroup(null);
            v.text("lsp", e.lsp().toString());
            v.number("in_label", e.inLabel());
            v.text("in_interface", e.inInterface());
            v.number("out_label", e.outLabel());
            v.text("out_interface", e.outInterface());
            v.text("next_hop", e.nextHop() == null ? "" : e.nextHop().toString());
            v.endGroup();
        }
        v.endList();
        v.beginList("non_rsvp_hops");
        for (NonRsvpRow n : nonRsvp.values()) {
            v.beginGroup(null);
            v.text("session", n.session().toString());
            v.text("sender", n.sender().toString());
            v.text("interface", n.incoming());
            v.number("send_ttl", n.sendTtl());
            v.number("ip_ttl", n.ipTtl());
            v.endGroup();
        }
        v.endList();
        v.beginGroup("counters");
        for (Map.Entry<String, long[]> c : counters.entrySet()) {
            v.beginGroup(c.getKey());
            v.number("sent", c.getValue()[0]);
            v.number("received", c.getValue()[1]);
            v.endGroup();
        }
        v.endGroup();
        v.beginList("problems");
        problems.forEach(p -> v.text(null, p));
        v.endList();
    }

    /** The status for people, in the order of {@code show ip rsvp ...}. */
    String text(String nodeName, String role, String encapsulation, RsvpNode node, Topology topology) {
        StringBuilder b = new StringBuilder();
        b.append("RSVP ").append(role).append(' ').append(nodeName).append(" (").append(encapsulation)
            .append(")\n\nInterfaces:\n");
        b.append(String.format("  %-12s %-16s %12s %12s %12s%n", "interface", "address", "reservable", "reserved",
            "per-flow"));
        for (Interface i : topology.interfacesOf(node.node())) {
            LinkDirection d = topology.link(i).direction(i);
            b.append(String.format("  %-12s %-16s %12s %12s %12s%n", i.name(), i.address(),
                LinkUnits.formatBitsPerSecond(d.reservableBps()),
                LinkUnits.formatBitsPerSecond(Math.round(node.reservedOn(i) * 8)),
                LinkUnits.formatBitsPerSecond(d.perFlowMaxBps())));
        }
        b.append("\nSenders (path state):\n");
        for (PathRow p : paths.values()) {
            b.append("  ").append(p.session()).append(" from ").append(p.sender()).append(" phop ")
                .append(p.previousHop()).append(p.incoming().isEmpty() ? " (local)" : " on " + p.incoming())
                .append(" rate ").append(LinkUnits.formatBitsPerSecond(Math.round(p.rate() * 8)))
                .append(" out ").append(String.join(",", p.outgoing())).append('\n');
        }
        b.append("\nReservations:\n");
        for (ReservationRow r : reservations.values()) {
            b.append("  ").append(r.session()).append(' ').append(r.style()).append(" on ").append(r.outgoing())
                .append(' ').append(LinkUnits.formatBitsPerSecond(Math.round(r.reserved() * 8))).append(" for ")
                .append(r.senders()).append('\n');
        }
        b.append("\nRequests (Resv state):\n");
        for (RequestRow r : requests.values()) {
            b.append("  ").append(r.session()).append(' ').append(r.style()).append(' ').append(r.service())
                .append(' ').append(LinkUnits.formatBitsPerSecond(Math.round(r.bandwidth() * 8)))
                .append(r.outgoing().isEmpty() ? " (local)" : " from " + r.nextHop() + " on "
                    + r.outgoing()).append('\n');
        }
        if (!nonRsvp.isEmpty()) {
            b.append("\nNon-RSVP hops (Send_TTL differs from IP TTL):\n");
            for (NonRsvpRow n : nonRsvp.values()) {
                b.append("  ").append(n.session()).append(" from ").append(n.sender()).append(" on ")
                    .append(n.incoming()).append(": Send_TTL ").append(n.sendTtl()).append(", IP TTL ")
                    .append(n.ipTtl()).append('\n');
            }
        }
        List<LspView> lsps = node.lsps();
        if (!lsps.isEmpty()) {
            b.append("\nLSPs (RSVP-TE tunnels):\n");
            for (LspView l : lsps) {
                b.append("  ").append(l.id()).append(" \"").append(l.name()).append("\" ")
                    .append(l.role().name().toLowerCase(java.util.Locale.ROOT)).append(l.up() ? " up " : " down ")
                    .append(LinkUnits.formatBitsPerSecond(Math.round(l.bandwidthBytesPerSecond() * 8)))
                    .append(" setup/hold ").append(l.setupPriority()).append('/').append(l.holdingPriority());
                if (!l.explicitRoute().isEmpty()) {
                    b.append(" ero ").append(l.explicitRoute());
                }
                if (!l.recordedRoute().isEmpty()) {
                    b.append(" rro ").append(l.recordedRoute());
                }
                b.append('\n');
            }
        }
        List<LabelEntry> labels = node.labelTable();
        if (!labels.isEmpty()) {
            b.append("\nLabels (in-label interface -> out-label interface, next hop):\n");
            for (LabelEntry e : labels) {
                b.append("  ").append(e).append(e.nextHop() == null ? "" : " via " + e.nextHop()).append("  (")
                    .append(e.lsp()).append(")\n");
            }
        }
        List<NeighbourView> channels = node.neighbourViews();
        if (!channels.isEmpty()) {
            b.append("\nNeighbours (refresh reduction, Hello, integrity):\n");
            b.append(String.format("  %-16s %-8s %-3s %-5s %8s %8s %7s %7s %7s %7s %7s%n", "neighbour", "iface",
                "RR", "hello", "key id", "int.fail", "retx", "acks", "nacks", "sref-tx", "sref-rx"));
            for (NeighbourView n : channels) {
                b.append(String.format("  %-16s %-8s %-3s %-5s %8s %8d %7d %7s %7s %7d %7d%n", n.neighbour(),
                    n.interfaceName(), n.refreshReduction() ? "yes" : "no", n.helloState().isEmpty() ? "-"
                        : n.helloState(), n.integrity() ? Long.toString(n.integrityKeyId()) : "-",
                    n.integrityFailures(), n.retransmissions(), n.acksSent() + "/" + n.acksReceived(),
                    n.nacksSent() + "/" + n.nacksReceived(), n.srefreshIdsSent(), n.srefreshIdsReceived()));
            }
        }
        b.append("\nMessages (sent/received):\n");
        for (Map.Entry<String, long[]> c : counters.entrySet()) {
            b.append(String.format("  %-10s %8d %8d%n", c.getKey(), c.getValue()[0], c.getValue()[1]));
        }
        if (!problems.isEmpty()) {
            b.append("\nRecent problems:\n");
            problems.forEach(p -> b.append("  ").append(p).append('\n'));
        }
        return b.toString();
    }
}
