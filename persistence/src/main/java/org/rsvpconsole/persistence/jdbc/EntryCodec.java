package org.rsvpconsole.persistence.jdbc;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.rsvpconsole.engine.api.AggregateView;
import org.rsvpconsole.engine.api.FlowRequest;
import org.rsvpconsole.engine.api.IpAddress;
import org.rsvpconsole.engine.api.Ipv4Address;
import org.rsvpconsole.engine.api.Ipv6Address;
import org.rsvpconsole.engine.api.LinkDirectionView;
import org.rsvpconsole.engine.api.ExplicitHop;
import org.rsvpconsole.engine.api.LabelEntry;
import org.rsvpconsole.engine.api.LspId;
import org.rsvpconsole.engine.api.LspView;
import org.rsvpconsole.engine.api.RecordedHop;
import org.rsvpconsole.engine.api.ReservationStyle;
import org.rsvpconsole.engine.api.ReservationView;
import org.rsvpconsole.engine.api.RsvpEvent;
import org.rsvpconsole.engine.api.SenderAddress;
import org.rsvpconsole.engine.api.ServiceClass;
import org.rsvpconsole.engine.api.SessionId;
import org.rsvpconsole.engine.api.SessionPriorities;
import org.rsvpconsole.engine.api.StateChange;
import org.rsvpconsole.engine.api.TopologyView;
import org.rsvpconsole.engine.api.TrafficSpec;
import org.rsvpconsole.persistence.api.HistoryEntry;
import org.rsvpconsole.persistence.api.NetworkState;

/**
 * The stored binary form of history entries and snapshots, written field by field for each type (no reflection:
 * this runs for every event the engine makes, and decoding must never let stored bytes pick a class).
 *
 * <p>Every type has a fixed tag; tags and enum ordinals are part of the file format, so new types and constants
 * get new numbers at the end and existing ones never change. References may be null: strings and lists carry
 * length + 1 (0 for null), optional values a leading 0. Integers that are usually small are unsigned LEB128
 * varints; times, doubles and addresses are fixed width. Decoding checks every length against the bytes left and
 * reports anything malformed as {@link IllegalArgumentException}.
 */
final class EntryCodec {

    private static final int ENGINE = 1;
    private static final int OPERATOR = 2;
    private static final int TOPOLOGY = 3;
    private static final int LOST = 4;
    private static final int LSP_STATE = 5;
    private static final int AGGREGATE_STATE = 6;

    // RsvpEvent types.
    private static final int PATH_STATE = 1;
    private static final int RESV_STATE = 2;
    private static final int RESERVATION = 3;
    private static final int ADMISSION_FAILED = 4;
    private static final int POLICY_REJECTED = 5;
    private static final int BLOCKADE = 6;
    private static final int CONFIRMATION = 7;
    private static final int ERROR_RECEIVED = 8;
    private static final int NON_RSVP_HOP = 9;
    private static final int ROUTE_CHANGED = 10;
    private static final int MESSAGE_SENT = 11;
    private static final int MESSAGE_RECEIVED = 12;
    private static final int DECODE_FAILED = 13;
    private static final int NEIGHBOUR = 14;
    private static final int PREEMPTED = 15;
    private static final int REDUCTION_ANSWERED = 16;
    private static final int LABEL_BOUND = 17;

    private static final StateChange[] CHANGES = StateChange.values();
    private static final ReservationStyle[] STYLES = ReservationStyle.values();
    private static final ServiceClass[] SERVICES = ServiceClass.values();

    private EntryCodec() {
    }

    // ----------------------------------------------------------------------------------------------------------
    // Encoding

    /** A growable output buffer the writer thread reuses between entries. */
    static final class Out {
        private byte[] buf = new byte[256];
        private int len;

        void reset() {
            len = 0;
        }

        byte[] toByteArray() {
            return Arrays.copyOf(buf, len);
        }

        int length() {
            return len;
        }

        /** Appends another buffer's bytes. */
        void append(Out other) {
            ensure(other.len);
            System.arraycopy(other.buf, 0, buf, len, other.len);
            len += other.len;
        }

        byte[] array() {
            return buf;
        }

        private void ensure(int n) {
            if (len + n > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
            }
        }

        void u8(int v) {
            ensure(1);
            buf[len++] = (byte) v;
        }

        void varint(long v) {
            ensure(10);
            while ((v & ~0x7FL) != 0) {
                buf[len++] = (byte) ((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            buf[len++] = (byte) v;
        }

        void i64(long v) {
            ensure(8);
            for (int i = 56; i >= 0; i -= 8) {
                buf[len++] = (byte) (v >>> i);
            }
        }

        void f64(double v) {
            i64(Double.doubleToRawLongBits(v));
        }

        void bool(boolean b) {
            u8(b ? 1 : 0);
        }

        void bytes(byte[] b) {
            if (b == null) {
                varint(0);
                return;
            }
            varint(b.length + 1L);
            ensure(b.length);
            System.arraycopy(b, 0, buf, len, b.length);
            len += b.length;
        }

        void str(String s) {
            if (s == null) {
                varint(0);
                return;
            }
            int n = s.length();
            boolean ascii = true;
            for (int i = 0; i < n && ascii; i++) {
                ascii = s.charAt(i) < 0x80;
            }
            if (!ascii) {
                bytes(s.getBytes(StandardCharsets.UTF_8));
                return;
            }
            // The common case (names, interfaces, reasons): one byte per char, no intermediate array.
            varint(n + 1L);
            ensure(n);
            for (int i = 0; i < n; i++) {
                buf[len++] = (byte) s.charAt(i);
            }
        }
    }

    static byte[] encode(HistoryEntry e) {
        Out out = new Out();
        write(out, e);
        return out.toByteArray();
    }

    static byte[] encode(NetworkState s) {
        Out out = new Out();
        write(out, s);
        return out.toByteArray();
    }

    /** A snapshot row: the state and every stream's last sequence, so reopening needs no scan of the log. */
    static byte[] encodeSnapshot(NetworkState s, java.util.Map<String, Long> streamSeqs) {
        Out out = new Out();
        write(out, s);
        out.varint(streamSeqs.size());
        streamSeqs.forEach((stream, seq) -> {
            out.str(stream);
            out.varint(seq);
        });
        return out.toByteArray();
    }

    record Snapshot(NetworkState state, java.util.Map<String, Long> streamSeqs) {
    }

    static Snapshot decodeSnapshot(byte[] bytes) {
        try {
            In in = new In(bytes);
            NetworkState s = state(in);
            int n = in.count();
            java.util.Map<String, Long> seqs = new java.util.HashMap<>();
            for (int i = 0; i < n; i++) {
                seqs.put(in.str(), in.varint());
            }
            in.end();
            return new Snapshot(s, seqs);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("stored snapshot is not valid: " + e.getMessage(), e);
        }
    }

    static void write(Out o, HistoryEntry e) {
        switch (e) {
            case HistoryEntry.Engine g -> {
                o.u8(ENGINE);
                o.i64(g.atNanos());
                event(o, g.event());
            }
            case HistoryEntry.OperatorAction a -> {
                o.u8(OPERATOR);
                o.i64(a.atNanos());
                o.str(a.who());
                o.str(a.action());
                o.str(a.target());
                o.str(a.result());
            }
            case HistoryEntry.Topology t -> {
                o.u8(TOPOLOGY);
                o.i64(t.atNanos());
                o.varint(t.version());
                topology(o, t.topology());
            }
            case HistoryEntry.EntriesLost l -> {
                o.u8(LOST);
                o.i64(l.atNanos());
                o.i64(l.fromNanos());
                o.varint(l.count());
                o.str(l.streams());
            }
            case HistoryEntry.LspState l -> {
                o.u8(LSP_STATE);
                o.i64(l.atNanos());
                o.varint(l.lsps().size());
                for (LspView v : l.lsps()) {
                    lspView(o, v);
                }
            }
            case HistoryEntry.AggregateState a -> {
                o.u8(AGGREGATE_STATE);
                o.i64(a.atNanos());
                o.varint(a.aggregates().size());
                for (AggregateView v : a.aggregates()) {
                    aggregateView(o, v);
                }
            }
        }
    }

    private static void aggregateView(Out o, AggregateView v) {
        o.str(v.name());
        session(o, v.session());
        o.str(v.aggregator());
        o.str(v.deaggregator());
        o.u8(v.dscp());
        o.f64(v.reservedBytesPerSecond());
        o.f64(v.bulkBytesPerSecond());
        o.f64(v.hysteresisBytesPerSecond());
        SessionPriorities p = v.priority();
        o.bool(p != null);
        if (p != null) {
            o.varint(p.setup());
            o.varint(p.hold());
        }
        o.varint(v.microflows().size());
        for (AggregateView.Microflow m : v.microflows()) {
            session(o, m.session());
            senders(o, m.senders());
            o.f64(m.bandwidthBytesPerSecond());
            o.varint(m.setupPriority());
            o.varint(m.defendingPriority());
            o.u8(m.state().ordinal() + 1);
        }
    }

    private static void lspView(Out o, LspView v) {
        lsp(o, v.id());
        o.str(v.node());
        o.u8(v.role().ordinal());
        o.str(v.name());
        o.u8(v.setupPriority());
        o.u8(v.holdingPriority());
        o.u8(v.flags());
        o.f64(v.bandwidthBytesPerSecond());
        o.varint(v.explicitRoute().size());
        for (ExplicitHop h : v.explicitRoute()) {
            ip(o, h.address());
            if (h.address() == null) {
                o.varint(h.asNumber());
            } else {
                o.u8(h.prefixLength());
            }
            o.bool(h.loose());
        }
        o.varint(v.recordedRoute().size());
        for (RecordedHop h : v.recordedRoute()) {
            ip(o, h.address());
            // Labels are 20 bits or NO_LABEL (-1): stored + 1.
            o.varint(h.label() + 1);
        }
        LabelEntry e = v.labels();
        o.varint(e.inLabel() + 1);
        o.str(e.inInterface());
        o.varint(e.outLabel() + 1);
        o.str(e.outInterface());
        ip(o, e.nextHop());
        style(o, v.style());
        o.bool(v.up());
    }

    private static void head(Out o, int tag, RsvpEvent e) {
        o.u8(tag);
        o.i64(e.timeNanos());
        o.str(e.node());
        o.varint(e.sequence());
    }

    private static void event(Out o, RsvpEvent event) {
        switch (event) {
            case RsvpEvent.PathState e -> {
                head(o, PATH_STATE, e);
                change(o, e.change());
                session(o, e.session());
                sender(o, e.sender());
                o.str(e.interfaceName());
                ip(o, e.previousHop());
                tspec(o, e.tspec());
                strings(o, e.outgoing());
            }
            case RsvpEvent.ResvState e -> {
                head(o, RESV_STATE, e);
                change(o, e.change());
                session(o, e.session());
                style(o, e.style());
                o.str(e.interfaceName());
                ip(o, e.nextHop());
                senders(o, e.senders());
                flowspec(o, e.flowspec());
            }
            case RsvpEvent.Reservation e -> {
                head(o, RESERVATION, e);
                session(o, e.session());
                style(o, e.style());
                o.str(e.interfaceName());
                senders(o, e.senders());
                o.f64(e.reservedBytesPerSecond());
                o.f64(e.freeBytesPerSecond());
            }
            case RsvpEvent.AdmissionFailed e -> {
                head(o, ADMISSION_FAILED, e);
                session(o, e.session());
                o.str(e.interfaceName());
                o.f64(e.requestedBytesPerSecond());
                o.f64(e.freeBytesPerSecond());
                o.f64(e.perFlowMaxBytesPerSecond());
                o.varint(e.errorValue() & 0xFFFFFFFFL);
                o.str(e.reason());
            }
            case RsvpEvent.PolicyRejected e -> {
                head(o, POLICY_REJECTED, e);
                session(o, e.session());
                o.str(e.direction());
                o.varint(e.errorCode() & 0xFFFFFFFFL);
                o.varint(e.errorValue() & 0xFFFFFFFFL);
                o.str(e.reason());
            }
            case RsvpEvent.Blockade e -> {
                head(o, BLOCKADE, e);
                o.bool(e.set());
                session(o, e.session());
                ip(o, e.previousHop());
                flowspec(o, e.blockadeFlowspec());
            }
            case RsvpEvent.ConfirmationReceived e -> {
                head(o, CONFIRMATION, e);
                session(o, e.session());
                ip(o, e.confirmingNode());
                style(o, e.style());
                flowspec(o, e.flowspec());
            }
            case RsvpEvent.ErrorReceived e -> {
                head(o, ERROR_RECEIVED, e);
                o.str(e.messageType());
                session(o, e.session());
                ip(o, e.errorNode());
                o.varint(e.errorCode() & 0xFFFFFFFFL);
                o.varint(e.errorValue() & 0xFFFFFFFFL);
                o.str(e.codeName());
                o.str(e.valueName());
            }
            case RsvpEvent.NonRsvpHopDetected e -> {
                head(o, NON_RSVP_HOP, e);
                session(o, e.session());
                sender(o, e.sender());
                o.str(e.interfaceName());
                o.varint(e.sendTtl() & 0xFFFFFFFFL);
                o.varint(e.ipTtl() & 0xFFFFFFFFL);
            }
            case RsvpEvent.RouteChanged e -> {
                head(o, ROUTE_CHANGED, e);
                session(o, e.session());
                sender(o, e.sender());
                strings(o, e.oldInterfaces());
                strings(o, e.newInterfaces());
            }
            case RsvpEvent.MessageSent e -> {
                head(o, MESSAGE_SENT, e);
                o.str(e.messageType());
                session(o, e.session());
                o.str(e.interfaceName());
                ip(o, e.destination());
                o.varint(e.length() & 0xFFFFFFFFL);
                o.bytes(e.datagram());
            }
            case RsvpEvent.MessageReceived e -> {
                head(o, MESSAGE_RECEIVED, e);
                o.str(e.messageType());
                session(o, e.session());
                o.str(e.interfaceName());
                ip(o, e.source());
                o.varint(e.length() & 0xFFFFFFFFL);
                o.bytes(e.datagram());
            }
            case RsvpEvent.DecodeFailed e -> {
                head(o, DECODE_FAILED, e);
                o.str(e.interfaceName());
                o.str(e.reason());
                o.bytes(e.datagram());
            }
            case RsvpEvent.Preempted e -> {
                head(o, PREEMPTED, e);
                o.str(e.interfaceName());
                session(o, e.preemptor());
                o.varint(e.preemptionPriority() & 0xFFFFFFFFL);
                session(o, e.victim());
                senders(o, e.victimSenders());
                o.varint(e.defendingPriority() & 0xFFFFFFFFL);
                o.bool(e.partial());
                o.f64(e.takenBytesPerSecond());
                o.f64(e.remainingBytesPerSecond());
                o.f64(e.neededBytesPerSecond());
                o.f64(e.freeBytesPerSecond());
                o.str(e.explanation());
            }
            case RsvpEvent.ReductionAnswered e -> {
                head(o, REDUCTION_ANSWERED, e);
                session(o, e.session());
                o.varint(e.errorValue() & 0xFFFFFFFFL);
                o.f64(e.indicatedBytesPerSecond());
                o.f64(e.previousBytesPerSecond());
                o.f64(e.newBytesPerSecond());
                o.str(e.explanation());
            }
            case RsvpEvent.NeighbourEvent e -> {
                head(o, NEIGHBOUR, e);
                ip(o, e.neighbour());
                o.str(e.interfaceName());
                o.str(e.kind());
                o.str(e.detail());
            }
            case RsvpEvent.LabelBound e -> {
                head(o, LABEL_BOUND, e);
                change(o, e.change());
                session(o, e.session());
                lsp(o, e.lsp());
                // Labels are 20 bits or NONE (-1): stored + 1.
                o.varint(e.inLabel() + 1);
                o.str(e.inInterface());
                o.varint(e.outLabel() + 1);
                o.str(e.outInterface());
            }
        }
    }

    private static void lsp(Out o, LspId l) {
        if (l == null) {
            o.u8(0);
            return;
        }
        ip(o, l.tailEnd());
        o.varint(l.tunnelId());
        ip(o, l.extendedTunnelId());
        ip(o, l.headEnd());
        o.varint(l.lspId());
    }

    private static void ip(Out o, IpAddress a) {
        switch (a) {
            case null -> o.u8(0);
            case Ipv4Address v4 -> {
                o.u8(4);
                o.u8(v4.bits() >>> 24);
                o.u8(v4.bits() >>> 16);
                o.u8(v4.bits() >>> 8);
                o.u8(v4.bits());
            }
            case Ipv6Address v6 -> {
                o.u8(6);
                o.i64(v6.high());
                o.i64(v6.low());
            }
        }
    }

    private static void session(Out o, SessionId s) {
        if (s == null) {
            o.u8(0);
            return;
        }
        ip(o, s.destination());
        o.u8(s.protocol());
        o.varint(s.port());
    }

    private static void sender(Out o, SenderAddress s) {
        if (s == null) {
            o.u8(0);
            return;
        }
        ip(o, s.address());
        o.varint(s.port());
    }

    private static void senders(Out o, List<SenderAddress> list) {
        if (list == null) {
            o.varint(0);
            return;
        }
        o.varint(list.size() + 1L);
        for (SenderAddress s : list) {
            sender(o, s);
        }
    }

    private static void strings(Out o, List<String> list) {
        if (list == null) {
            o.varint(0);
            return;
        }
        o.varint(list.size() + 1L);
        for (String s : list) {
            o.str(s);
        }
    }

    private static void change(Out o, StateChange c) {
        o.u8(c == null ? 0 : c.ordinal() + 1);
    }

    private static void style(Out o, ReservationStyle s) {
        o.u8(s == null ? 0 : s.ordinal() + 1);
    }

    private static void tspec(Out o, TrafficSpec t) {
        if (t == null) {
            o.u8(0);
            return;
        }
        o.u8(1);
        o.f64(t.rate());
        o.f64(t.bucket());
        o.f64(t.peak());
        o.varint(t.minPoliced() & 0xFFFFFFFFL);
        o.varint(t.maxPacket() & 0xFFFFFFFFL);
    }

    private static void flowspec(Out o, FlowRequest f) {
        if (f == null) {
            o.u8(0);
            return;
        }
        o.u8(f.service().ordinal() + 1);
        tspec(o, f.tspec());
        o.f64(f.rate());
        o.varint(f.slackMicros());
    }

    private static void topology(Out o, TopologyView t) {
        if (t == null) {
            o.u8(0);
            return;
        }
        o.u8(1);
        o.str(t.name());
        o.str(t.description());
        o.varint(t.nodes().size());
        for (TopologyView.NodeView n : t.nodes()) {
            o.str(n.name());
            o.bool(n.host());
            o.varint(n.addresses().size());
            for (IpAddress a : n.addresses()) {
                ip(o, a);
            }
            o.str(n.description());
        }
        o.varint(t.links().size());
        for (TopologyView.LinkView l : t.links()) {
            o.str(l.name());
            o.str(l.nodeA());
            o.str(l.interfaceA());
            o.str(l.nodeB());
            o.str(l.interfaceB());
            o.f64(l.capacityAtoB());
            o.f64(l.capacityBtoA());
        }
    }

    private static void write(Out o, NetworkState s) {
        o.varint(s.lastId());
        o.i64(s.atNanos());
        o.varint(s.topologyVersion());
        topology(o, s.topology());
        o.varint(s.directions().size());
        for (LinkDirectionView d : s.directions()) {
            o.str(d.link());
            o.str(d.fromNode());
            o.str(d.fromInterface());
            o.str(d.toNode());
            o.bool(d.up());
            o.f64(d.capacityBytesPerSecond());
            o.f64(d.perFlowMaxBytesPerSecond());
            o.f64(d.freeBytesPerSecond());
            o.varint(d.reservations().size());
            for (ReservationView r : d.reservations()) {
                session(o, r.session());
                style(o, r.style());
                senders(o, r.senders());
                flowspec(o, r.flowspec());
                o.f64(r.reservedBytesPerSecond());
            }
        }
        o.varint(s.nodes().size());
        for (NetworkState.NodeState n : s.nodes()) {
            o.str(n.node());
            o.varint(n.paths().size());
            for (NetworkState.PathKey p : n.paths()) {
                session(o, p.session());
                sender(o, p.sender());
                o.str(p.interfaceName());
            }
            o.varint(n.reservations().size());
            for (NetworkState.ResvKey r : n.reservations()) {
                session(o, r.session());
                o.str(r.interfaceName());
                ip(o, r.nextHop());
            }
            o.varint(n.blockades().size());
            for (NetworkState.BlockadeKey b : n.blockades()) {
                session(o, b.session());
                ip(o, b.previousHop());
            }
        }
    }

    // ----------------------------------------------------------------------------------------------------------
    // Decoding

    /** Reads one stored value; every read checks the bytes left. */
    static final class In {
        private final byte[] buf;
        private int pos;

        In(byte[] buf) {
            this.buf = buf;
        }

        private void need(int n) {
            if (n < 0 || buf.length - pos < n) {
                throw new IllegalArgumentException("truncated at byte " + pos + " of " + buf.length);
            }
        }

        int u8() {
            need(1);
            return buf[pos++] & 0xFF;
        }

        long varint() {
            long v = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                int b = u8();
                v |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    return v;
                }
            }
            throw new IllegalArgumentException("varint too long at byte " + pos);
        }

        int int32() {
            long v = varint();
            if (v > 0xFFFFFFFFL) {
                throw new IllegalArgumentException("value out of range at byte " + pos + ": " + v);
            }
            return (int) v;
        }

        /** A count or length (+1 when nullable is handled by the caller), at most the bytes left. */
        int count() {
            long v = varint();
            if (v > buf.length - pos + 1L) {
                throw new IllegalArgumentException("length " + v + " beyond the end at byte " + pos);
            }
            return (int) v;
        }

        long i64() {
            need(8);
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v = (v << 8) | (buf[pos++] & 0xFF);
            }
            return v;
        }

        double f64() {
            return Double.longBitsToDouble(i64());
        }

        boolean bool() {
            int b = u8();
            if (b > 1) {
                throw new IllegalArgumentException("bad boolean " + b + " at byte " + (pos - 1));
            }
            return b == 1;
        }

        byte[] bytes() {
            int n = count();
            if (n == 0) {
                return null;
            }
            need(n - 1);
            byte[] b = Arrays.copyOfRange(buf, pos, pos + n - 1);
            pos += n - 1;
            return b;
        }

        String str() {
            int n = count();
            if (n == 0) {
                return null;
            }
            need(n - 1);
            String s = new String(buf, pos, n - 1, StandardCharsets.UTF_8);
            pos += n - 1;
            return s;
        }

        boolean atEnd() {
            return pos == buf.length;
        }

        /** The next {@code n} bytes as a decoder of their own. */
        In slice(int n) {
            need(n);
            In sub = new In(Arrays.copyOfRange(buf, pos, pos + n));
            pos += n;
            return sub;
        }

        void end() {
            if (pos != buf.length) {
                throw new IllegalArgumentException((buf.length - pos) + " bytes left over");
            }
        }
    }

    static HistoryEntry decodeEntry(byte[] bytes) {
        return decodeEntry(new In(bytes));
    }

    static HistoryEntry decodeEntry(In in) {
        try {
            HistoryEntry e = entry(in);
            in.end();
            return e;
        } catch (RuntimeException e) {
            // Constructors reject impossible values (ports, token buckets) with their own exceptions.
            throw new IllegalArgumentException("stored entry is not valid: " + e.getMessage(), e);
        }
    }

    static NetworkState decodeState(byte[] bytes) {
        try {
            In in = new In(bytes);
            NetworkState s = state(in);
            in.end();
            return s;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("stored snapshot is not valid: " + e.getMessage(), e);
        }
    }

    private static HistoryEntry entry(In in) {
        int tag = in.u8();
        long at = in.i64();
        return switch (tag) {
            case ENGINE -> new HistoryEntry.Engine(at, event(in));
            case OPERATOR -> new HistoryEntry.OperatorAction(at, in.str(), in.str(), in.str(), in.str());
            case TOPOLOGY -> new HistoryEntry.Topology(at, in.int32(), topology(in));
            case LOST -> new HistoryEntry.EntriesLost(at, in.i64(), in.varint(), in.str());
            case LSP_STATE -> {
                int n = in.count();
                List<LspView> views = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    views.add(lspView(in));
                }
                yield new HistoryEntry.LspState(at, views);
            }
            case AGGREGATE_STATE -> {
                int n = in.count();
                List<AggregateView> views = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    views.add(aggregateView(in));
                }
                yield new HistoryEntry.AggregateState(at, views);
            }
            default -> throw new IllegalArgumentException("unknown entry type " + tag);
        };
    }

    private static RsvpEvent event(In in) {
        int tag = in.u8();
        long t = in.i64();
        String node = in.str();
        long seq = in.varint();
        return switch (tag) {
            case PATH_STATE -> new RsvpEvent.PathState(t, node, seq, change(in), session(in), sender(in), in.str(),
                ip(in), tspec(in), strings(in));
            case RESV_STATE -> new RsvpEvent.ResvState(t, node, seq, change(in), session(in), style(in), in.str(),
                ip(in), senders(in), flowspec(in));
            case RESERVATION -> new RsvpEvent.Reservation(t, node, seq, session(in), style(in), in.str(),
                senders(in), in.f64(), in.f64());
            case ADMISSION_FAILED -> new RsvpEvent.AdmissionFailed(t, node, seq, session(in), in.str(), in.f64(),
                in.f64(), in.f64(), in.int32(), in.str());
            case POLICY_REJECTED -> new RsvpEvent.PolicyRejected(t, node, seq, session(in), in.str(), in.int32(),
                in.int32(), in.str());
            case BLOCKADE -> new RsvpEvent.Blockade(t, node, seq, in.bool(), session(in), ip(in), flowspec(in));
            case CONFIRMATION -> new RsvpEvent.ConfirmationReceived(t, node, seq, session(in), ip(in), style(in),
                flowspec(in));
            case ERROR_RECEIVED -> new RsvpEvent.ErrorReceived(t, node, seq, in.str(), session(in), ip(in),
                in.int32(), in.int32(), in.str(), in.str());
            case NON_RSVP_HOP -> new RsvpEvent.NonRsvpHopDetected(t, node, seq, session(in), sender(in), in.str(),
                in.int32(), in.int32());
            case ROUTE_CHANGED -> new RsvpEvent.RouteChanged(t, node, seq, session(in), sender(in), strings(in),
                strings(in));
            case MESSAGE_SENT -> new RsvpEvent.MessageSent(t, node, seq, in.str(), session(in), in.str(), ip(in),
                in.int32(), in.bytes());
            case MESSAGE_RECEIVED -> new RsvpEvent.MessageReceived(t, node, seq, in.str(), session(in), in.str(),
                ip(in), in.int32(), in.bytes());
            case DECODE_FAILED -> new RsvpEvent.DecodeFailed(t, node, seq, in.str(), in.str(), in.bytes());
            case PREEMPTED -> new RsvpEvent.Preempted(t, node, seq, in.str(), session(in), in.int32(), session(in),
                senders(in), in.int32(), in.bool(), in.f64(), in.f64(), in.f64(), in.f64(), in.str());
            case REDUCTION_ANSWERED -> new RsvpEvent.ReductionAnswered(t, node, seq, session(in), in.int32(), in.f64(),
                in.f64(), in.f64(), in.str());
            case NEIGHBOUR -> new RsvpEvent.NeighbourEvent(t, node, seq, ip(in), in.str(), in.str(), in.str());
            case LABEL_BOUND -> new RsvpEvent.LabelBound(t, node, seq, change(in), session(in), lsp(in),
                in.varint() - 1, in.str(), in.varint() - 1, in.str());
            default -> throw new IllegalArgumentException("unknown event type " + tag);
        };
    }

    private static IpAddress ip(In in) {
        int tag = in.u8();
        return switch (tag) {
            case 0 -> null;
            case 4 -> new Ipv4Address((in.u8() << 24) | (in.u8() << 16) | (in.u8() << 8) | in.u8());
            case 6 -> new Ipv6Address(in.i64(), in.i64());
            default -> throw new IllegalArgumentException("unknown address type " + tag);
        };
    }

    private static final LspView.Role[] ROLES = LspView.Role.values();

    private static LspView lspView(In in) {
        LspId id = lsp(in);
        String node = in.str();
        int role = in.u8();
        if (role >= ROLES.length) {
            throw new IllegalArgumentException("unknown LSP role " + role);
        }
        String name = in.str();
        int setup = in.u8();
        int hold = in.u8();
        int flags = in.u8();
        double bw = in.f64();
        int ne = in.count();
        List<ExplicitHop> ero = new ArrayList<>(ne);
        for (int i = 0; i < ne; i++) {
            IpAddress a = ip(in);
            ero.add(a == null ? ExplicitHop.as(in.int32(), in.bool()) : new ExplicitHop(a, in.u8(), -1, in.bool()));
        }
        int nr = in.count();
        List<RecordedHop> rro = new ArrayList<>(nr);
        for (int i = 0; i < nr; i++) {
            rro.add(new RecordedHop(ip(in), in.varint() - 1));
        }
        LabelEntry labels = new LabelEntry(id, in.varint() - 1, in.str(), in.varint() - 1, in.str(), ip(in));
        return new LspView(id, node, ROLES[role], name, setup, hold, flags, bw, ero, rro, labels, style(in),
            in.bool());
    }

    private static final AggregateView.State[] MICROFLOW_STATES = AggregateView.State.values();

    private static AggregateView aggregateView(In in) {
        String name = in.str();
        SessionId session = session(in);
        String aggregator = in.str();
        String deaggregator = in.str();
        int dscp = in.u8();
        if (dscp > 63) {
            throw new IllegalArgumentException("DSCP " + dscp + " is not 6 bits");
        }
        double reserved = in.f64();
        double bulk = in.f64();
        double hysteresis = in.f64();
        SessionPriorities priority = in.bool() ? new SessionPriorities(in.int32(), in.int32()) : null;
        int n = in.count();
        List<AggregateView.Microflow> microflows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            SessionId flow = session(in);
            List<SenderAddress> senders = senders(in);
            double bw = in.f64();
            int setup = in.int32();
            int defending = in.int32();
            AggregateView.State state = constant(MICROFLOW_STATES, in.u8(), "microflow state");
            if (flow == null || senders == null || state == null) {
                throw new IllegalArgumentException("microflow " + i + " of aggregate " + name + " without its"
                    + " session, senders or state");
            }
            microflows.add(new AggregateView.Microflow(flow, senders, bw, setup, defending, state));
        }
        if (name == null || session == null) {
            throw new IllegalArgumentException("aggregate without its name or session");
        }
        return new AggregateView(name, session, aggregator, deaggregator, dscp, reserved, bulk, hysteresis,
            priority, microflows);
    }

    private static LspId lsp(In in) {
        IpAddress tail = ip(in);
        return tail == null ? null : new LspId(tail, in.int32(), ip(in), ip(in), in.int32());
    }

    private static SessionId session(In in) {
        IpAddress a = ip(in);
        return a == null ? null : new SessionId(a, in.u8(), in.int32());
    }

    private static SenderAddress sender(In in) {
        IpAddress a = ip(in);
        return a == null ? null : new SenderAddress(a, in.int32());
    }

    private static List<SenderAddress> senders(In in) {
        int n = in.count();
        if (n == 0) {
            return null;
        }
        List<SenderAddress> list = new ArrayList<>(n - 1);
        for (int i = 1; i < n; i++) {
            list.add(sender(in));
        }
        return list;
    }

    private static List<String> strings(In in) {
        int n = in.count();
        if (n == 0) {
            return null;
        }
        List<String> list = new ArrayList<>(n - 1);
        for (int i = 1; i < n; i++) {
            list.add(in.str());
        }
        return list;
    }

    private static <E> E constant(E[] values, int code, String what) {
        if (code == 0) {
            return null;
        }
        if (code > values.length) {
            throw new IllegalArgumentException("unknown " + what + " " + code);
        }
        return values[code - 1];
    }

    private static StateChange change(In in) {
        return constant(CHANGES, in.u8(), "state change");
    }

    private static ReservationStyle style(In in) {
        return constant(STYLES, in.u8(), "reservation style");
    }

    private static TrafficSpec tspec(In in) {
        return in.u8() == 0 ? null : new TrafficSpec(in.f64(), in.f64(), in.f64(), in.int32(), in.int32());
    }

    private static FlowRequest flowspec(In in) {
        ServiceClass service = constant(SERVICES, in.u8(), "service class");
        return service == null ? null : new FlowRequest(service, tspec(in), in.f64(), in.varint());
    }

    private static TopologyView topology(In in) {
        if (in.u8() == 0) {
            return null;
        }
        String name = in.str();
        String description = in.str();
        int nodeCount = in.count();
        List<TopologyView.NodeView> nodes = new ArrayList<>(nodeCount);
        for (int i = 0; i < nodeCount; i++) {
            String n = in.str();
            boolean host = in.bool();
            int k = in.count();
            List<IpAddress> addresses = new ArrayList<>(k);
            for (int j = 0; j < k; j++) {
                addresses.add(ip(in));
            }
            nodes.add(new TopologyView.NodeView(n, host, addresses, in.str()));
        }
        int linkCount = in.count();
        List<TopologyView.LinkView> links = new ArrayList<>(linkCount);
        for (int i = 0; i < linkCount; i++) {
            links.add(new TopologyView.LinkView(in.str(), in.str(), in.str(), in.str(), in.str(), in.f64(),
                in.f64()));
        }
        return new TopologyView(name, description, nodes, links);
    }

    private static NetworkState state(In in) {
        long lastId = in.varint();
        long at = in.i64();
        int version = in.int32();
        TopologyView topology = topology(in);
        int dirCount = in.count();
        List<LinkDirectionView> dirs = new ArrayList<>(dirCount);
        for (int i = 0; i < dirCount; i++) {
            String link = in.str();
            String from = in.str();
            String iface = in.str();
            String to = in.str();
            boolean up = in.bool();
            double capacity = in.f64();
            double perFlow = in.f64();
            double free = in.f64();
            int k = in.count();
            List<ReservationView> rs = new ArrayList<>(k);
            for (int j = 0; j < k; j++) {
                rs.add(new ReservationView(session(in), style(in), senders(in), flowspec(in), in.f64()));
            }
            dirs.add(new LinkDirectionView(link, from, iface, to, up, capacity, perFlow, free, rs));
        }
        int nodeCount = in.count();
        List<NetworkState.NodeState> nodes = new ArrayList<>(nodeCount);
        for (int i = 0; i < nodeCount; i++) {
            String name = in.str();
            int p = in.count();
            List<NetworkState.PathKey> paths = new ArrayList<>(p);
            for (int j = 0; j < p; j++) {
                paths.add(new NetworkState.PathKey(session(in), sender(in), in.str()));
            }
            int r = in.count();
            List<NetworkState.ResvKey> resvs = new ArrayList<>(r);
            for (int j = 0; j < r; j++) {
                resvs.add(new NetworkState.ResvKey(session(in), in.str(), ip(in)));
            }
            int b = in.count();
            List<NetworkState.BlockadeKey> blockades = new ArrayList<>(b);
            for (int j = 0; j < b; j++) {
                blockades.add(new NetworkState.BlockadeKey(session(in), ip(in)));
            }
            nodes.add(new NetworkState.NodeState(name, paths, resvs, blockades));
        }
        return new NetworkState(lastId, at, version, topology, dirs, nodes);
    }
}
