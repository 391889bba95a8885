package org.rsvpconsole.engine.node;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rsvpconsole.engine.api.FlowRequest;
import org.rsvpconsole.engine.api.LinkDirectionView;
import org.rsvpconsole.engine.api.ReservationStyle;
import org.rsvpconsole.engine.api.ReservationView;
import org.rsvpconsole.engine.api.RsvpEvent;
import org.rsvpconsole.engine.api.SenderAddress;
import org.rsvpconsole.engine.api.SessionId;
import org.rsvpconsole.engine.api.TrafficSpec;
import org.rsvpconsole.engine.codec.DecodeResult;
import org.rsvpconsole.engine.codec.ObjectMessage;
import org.rsvpconsole.engine.codec.RsvpCodec;
import org.rsvpconsole.engine.codec.Scope;
import org.rsvpconsole.engine.topology.Topology;
import org.rsvpconsole.engine.topology.TopologyBuilder;

/**
 * RFC 2205 §1.4, Figures 4 to 7: a router N with incoming interfaces (a) from S1 and (b) from S2 and S3, and
 * outgoing interfaces (c) toward R1 and (d) toward R2 and R3, all in one multicast session. The figures' LAN on
 * (d) is a router D here, which merges R2's and R3's requests by the same rules before they reach N, so N's
 * "Receives" on (d) arrive pre-merged and its "Reserve" and "Send" columns are the RFC's. Flowspecs are
 * multiples of B = 10,000 bytes/s (Controlled Load).
 *
 * <pre>
 *   S1 ── A ──(a)┐          ┌(c)── C ── R1
 *                N ─────────┤
 *   S2 ─┬ B ──(b)┘          └(d)── D ─┬ R2
 *   S3 ─┘                             └ R3
 * </pre>
 */
class Rfc2205StyleExamplesTest {

    private static final double B = 10_000;
    private static final SessionId G = SessionId.udp("224.5.5.5", 7000);

    private Scenario sc;
    private SenderAddress s1;
    private SenderAddress s2;
    private SenderAddress s3;

    static Topology figure4() {
        TopologyBuilder b = Topology.builder().host("S1").host("S2").host("S3").router("A").router("B")
            .router("N").router("C").router("D").host("R1").host("R2").host("R3");
        b.defaults().bandwidth(100_000_000).delayNanos(Scenario.MS);
        b.link("S1", "A");
        b.link("S2", "B");
        b.link("S3", "B");
        b.link("A", "N");
        b.link("B", "N");
        b.link("N", "C");
        b.link("N", "D");
        b.link("C", "R1");
        b.link("D", "R2");
        b.link("D", "R3");
        return b.build();
    }

    private static FlowRequest q(double multiple) {
        return FlowRequest.controlledLoad(TrafficSpec.of(multiple * B, 1000));
    }

    @BeforeEach
    void sendersAndReceivers() {
        sc = new Scenario(figure4());
        for (String r : List.of("R1", "R2", "R3")) {
            sc.net.openReceiver(r, G);
        }
        sc.settle();
        TrafficSpec big = TrafficSpec.of(100 * B, 10_000);
        s1 = sc.net.sender("S1", G, 1, big);
        s2 = sc.net.sender("S2", G, 2, big);
        s3 = sc.net.sender("S3", G, 3, big);
        sc.settle();
    }

    /** The reservations on a link direction as "senders{multiple of B}". */
    private List<String> table(String link, String from) {
        LinkDirectionView v = sc.net.linkDirection(link, from);
        return v.reservations().stream().map(this::cell).toList();
    }

    private String cell(ReservationView r) {
        String senders = r.senders().stream().map(s -> s.equals(s1) ? "S1" : s.equals(s2) ? "S2" : "S3")
            .reduce((x, y) -> x + "," + y).orElse("*");
        long multiple = Math.round(r.reservedBytesPerSecond() / B);
        return r.style() + "(" + senders + "{" + multiple + "B})";
    }

    @Test
    void pathStateReachesEveryReceiverFromEverySender() {
        for (String r : List.of("R1", "R2", "R3")) {
            assertEquals(3, sc.net.node(r).pathStateCount(), r);
        }
        assertEquals(3, sc.net.node("N").pathStateCount());
        assertEquals(1, sc.net.node("A").pathStateCount());
    }

    @Test
    void figure5WildcardFilter() {
        sc.net.reserve("R1", G, ReservationStyle.WF, q(4), List.of(), false);
        sc.net.reserve("R2", G, ReservationStyle.WF, q(3), List.of(), false);
        sc.net.reserve("R3", G, ReservationStyle.WF, q(2), List.of(), false);
        sc.settle();
        // Reserve: (c) *{4B}, (d) *{3B}.
        assertEquals(List.of("WF(S1,S2,S3{4B})"), table("N-C", "N"));
        assertEquals(List.of("WF(S1,S2,S3{3B})"), table("N-D", "N"));
        // Send: WF(*{4B}) to both previous hops.
        assertEquals(List.of("WF(S1{4B})"), table("A-N", "A"));
        assertEquals(List.of("WF(S2,S3{4B})"), table("B-N", "B"));
    }

    /** N has two previous hops, so its WF Resv to each carries a SCOPE of the senders behind it (§3.4). */
    @Test
    void wildcardResvToSeveralPreviousHopsCarriesScope() {
        sc.net.reserve("R1", G, ReservationStyle.WF, q(4), List.of(), false);
        sc.settle();
        assertEquals(List.of(s1.address()), lastScope("N", "A"));
        assertEquals(List.of(s2.address(), s3.address()), lastScope("N", "B"));
        // B, with a single previous hop per sender, passes on the scope it was given.
        assertEquals(List.of(s2.address()), lastScope("B", "S2"));
    }

    private List<org.rsvpconsole.engine.api.IpAddress> lastScope(String from, String to) {
        var addrs = sc.net.topology().addressesOf(sc.net.topology().requireNode(to));
        RsvpEvent.MessageSent m = sc.sent(from, "Resv").stream().filter(e -> addrs.contains(e.destination()))
            .reduce((x, y) -> y).orElseThrow();
        IpHeader ip = IpHeader.parse(m.datagram());
        var decoded = (DecodeResult.Decoded) RsvpCodec.decode(m.datagram(), ip.payloadOffset(), ip.payloadLength());
        return ((ObjectMessage) decoded.message()).first(Scope.class).orElseThrow().sources();
    }

    @Test
    void figure6FixedFilter() {
        sc.net.reserveFixedFilter("R1", G, ordered(s1, q(4), s2, q(5)), false);
        sc.net.reserveFixedFilter("R2", G, ordered(s1, q(3), s3, q(1)), false);
        sc.net.reserveFixedFilter("R3", G, Map.of(s1, q(1)), false);
        sc.settle();
        // Reserve: (c) S1{4B}, S2{5B}; (d) S1{3B}, S3{B}.
        assertEquals(List.of("FF(S1{4B})", "FF(S2{5B})"), table("N-C", "N"));
        assertEquals(List.of("FF(S1{3B})", "FF(S3{1B})"), table("N-D", "N"));
        // Send: (a) FF(S1{4B}); (b) FF(S2{5B}, S3{B}).
        assertEquals(List.of("FF(S1{4B})"), table("A-N", "A"));
        assertEquals(List.of("FF(S2{5B})", "FF(S3{1B})"), table("B-N", "B"));
        // Each sender's first hop carries exactly its own merged reservation.
        assertEquals(List.of("FF(S2{5B})"), table("S2-B", "S2"));
        assertEquals(List.of("FF(S3{1B})"), table("S3-B", "S3"));
    }

    @Test
    void figure7SharedExplicit() {
        sc.net.reserve("R1", G, ReservationStyle.SE, q(1), List.of(s1, s2), false);
        sc.net.reserve("R2", G, ReservationStyle.SE, q(3), List.of(s1, s3), false);
        sc.net.reserve("R3", G, ReservationStyle.SE, q(2), List.of(s2), false);
        sc.settle();
        // Reserve: (c) (S1,S2){B}; (d) (S1,S2,S3){3B}.
        assertEquals(List.of("SE(S1,S2{1B})"), table("N-C", "N"));
        assertEquals(List.of("SE(S1,S2,S3{3B})"), table("N-D", "N"));
        // Send: (a) SE(S1{3B}); (b) SE((S2,S3){3B}).
        assertEquals(List.of("SE(S1{3B})"), table("A-N", "A"));
        assertEquals(List.of("SE(S2,S3{3B})"), table("B-N", "B"));
    }

    @Test
    void stylesDoNotMerge() {
        sc.net.reserve("R1", G, ReservationStyle.WF, q(4), List.of(), false);
        sc.settle();
        sc.net.reserve("R2", G, ReservationStyle.SE, q(3), List.of(s1), false);
        sc.settle();
        // N already holds WF state: R2's SE request is refused with "Conflicting reservation style" (code 5).
        assertEquals(List.of("WF(S1,S2,S3{4B})"), table("N-C", "N"));
        assertEquals(List.of(), table("N-D", "N"));
        assertEquals(List.of(5), sc.events(RsvpEvent.ErrorReceived.class, "R2").stream()
            .map(e -> e.errorCode()).distinct().toList());
    }

    private static Map<SenderAddress, FlowRequest> ordered(SenderAddress a, FlowRequest fa, SenderAddress b,
                                                           FlowRequest fb) {
        Map<SenderAddress, FlowRequest> m = new LinkedHashMap<>();
        m.put(a, fa);
        m.put(b, fb);
        return m;
    }
}
