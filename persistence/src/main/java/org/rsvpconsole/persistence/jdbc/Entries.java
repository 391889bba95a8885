package org.rsvpconsole.persistence.jdbc;

import org.rsvpconsole.engine.api.RsvpEvent;
import org.rsvpconsole.persistence.api.HistoryEntry;

/** The indexed columns of an entry: stream, kind, node, session and a one-line summary. */
final class Entries {

    private Entries() {
    }

    static String stream(HistoryEntry e) {
        return switch (e) {
            case HistoryEntry.Engine g -> g.event().node();
            case HistoryEntry.OperatorAction a -> "operator";
            case HistoryEntry.Topology t -> "topology";
            case HistoryEntry.EntriesLost l -> "store";
            case HistoryEntry.LspState l -> "lsps";
            case HistoryEntry.AggregateState a -> "aggregates";
        };
    }

    static String kind(HistoryEntry e) {
        return switch (e) {
            case HistoryEntry.Engine g -> g.event().getClass().getSimpleName();
            case HistoryEntry.OperatorAction a -> "OperatorAction";
            case HistoryEntry.Topology t -> "Topology";
            case HistoryEntry.EntriesLost l -> "EntriesLost";
            case HistoryEntry.LspState l -> "LspState";
            case HistoryEntry.AggregateState a -> "AggregateState";
        };
    }

    static String node(HistoryEntry e) {
        return e instanceof HistoryEntry.Engine g ? g.event().node() : "";
    }

    static String session(HistoryEntry e) {
        if (e instanceof HistoryEntry.Engine g) {
            Object s = switch (g.event()) {
                case RsvpEvent.PathState p -> p.session();
                case RsvpEvent.ResvState r -> r.session();
                case RsvpEvent.Reservation r -> r.session();
                case RsvpEvent.AdmissionFailed a -> a.session();
                case RsvpEvent.PolicyRejected p -> p.session();
                case RsvpEvent.Blockade b -> b.session();
                case RsvpEvent.ConfirmationReceived c -> c.session();
                case RsvpEvent.ErrorReceived r -> r.session();
                case RsvpEvent.NonRsvpHopDetected n -> n.session();
                case RsvpEvent.RouteChanged r -> r.session();
                case RsvpEvent.MessageSent m -> m.session();
                case RsvpEvent.MessageReceived m -> m.session();
                case RsvpEvent.Preempted p -> p.victim();
                case RsvpEvent.ReductionAnswered r -> r.session();
                case RsvpEvent.DecodeFailed d -> null;
                case RsvpEvent.NeighbourEvent n -> null;
                case RsvpEvent.LabelBound l -> l.session();
            };
            return s == null ? "" : s.toString();
        }
        return "";
    }

    static String summary(HistoryEntry e) {
        String s = switch (e) {
            case HistoryEntry.Engine g -> switch (g.event()) {
                case RsvpEvent.PathState p -> "Path " + p.change() + " " + p.session() + " from " + p.sender()
                    + " in " + p.interfaceName() + " out " + p.outgoing();
                case RsvpEvent.ResvState r -> "Resv " + r.change() + " " + r.session() + " " + r.style() + " on "
                    + r.interfaceName() + " from " + r.nextHop();
                case RsvpEvent.Reservation r -> "reserved " + r.reservedBytesPerSecond() + " B/s for " + r.session()
                    + " on " + r.interfaceName() + ", free " + r.freeBytesPerSecond();
                case RsvpEvent.AdmissionFailed a -> "admission failed " + a.session() + " on " + a.interfaceName()
                    + ": " + a.reason();
                case RsvpEvent.PolicyRejected p -> "policy rejected " + p.session() + ": " + p.reason();
                case RsvpEvent.Blockade b -> (b.set() ? "blockade set " : "blockade cleared ") + b.session();
                case RsvpEvent.ConfirmationReceived c -> "ResvConf " + c.session() + " from " + c.confirmingNode();
                case RsvpEvent.ErrorReceived r -> r.messageType() + " " + r.session() + " " + r.codeName() + "/"
                    + r.valueName() + " from " + r.errorNode();
                case RsvpEvent.NonRsvpHopDetected n -> "non-RSVP hop " + n.session() + " on " + n.interfaceName();
                case RsvpEvent.RouteChanged r -> "route changed " + r.session() + " " + r.oldInterfaces() + " -> "
                    + r.newInterfaces();
                case RsvpEvent.MessageSent m -> "sent " + m.messageType() + " " + m.session() + " on "
                    + m.interfaceName() + " to " + m.destination();
                case RsvpEvent.MessageReceived m -> "received " + m.messageType() + " " + m.session() + " on "
                    + m.interfaceName() + " from " + m.source();
                case RsvpEvent.Preempted p -> (p.partial() ? "reduced " : "preempted ") + p.victim() + " on "
                    + p.interfaceName() + " for " + p.preemptor() + ": " + p.explanation();
                case RsvpEvent.ReductionAnswered r -> "receiver of " + r.session() + ": " + r.explanation();
                case RsvpEvent.DecodeFailed d -> "decode failed on " + d.interfaceName() + ": " + d.reason();
                case RsvpEvent.NeighbourEvent n -> "neighbour " + n.neighbour() + " " + n.kind() + ": " + n.detail();
                case RsvpEvent.LabelBound l -> "label " + l.change() + " " + l.lsp() + ": in " + l.inLabel() + " "
                    + l.inInterface() + ", out " + l.outLabel() + " " + l.outInterface();
            };
            case HistoryEntry.OperatorAction a -> a.who() + " " + a.action() + " " + a.target() + ": " + a.result();
            case HistoryEntry.Topology t -> "topology version " + t.version() + " " + t.topology().name();
            case HistoryEntry.EntriesLost l -> l.count() + " entries lost (" + l.streams() + ")";
            case HistoryEntry.LspState l -> l.lsps().size() + " LSP views at "
                + l.lsps().stream().map(v -> v.node()).distinct().count() + " nodes";
            case HistoryEntry.AggregateState a -> a.aggregates().size() + " aggregates carrying "
                + a.aggregates().stream().mapToInt(v -> v.admitted().size()).sum() + " microflows";
        };
        return s.length() <= 400 ? s : s.substring(0, 397) + "...";
    }
}
