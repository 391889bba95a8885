package org.rsvpconsole.engine.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rsvpconsole.engine.api.IpAddress;
import org.rsvpconsole.engine.api.RsvpEvent;
import org.rsvpconsole.engine.api.SessionId;
import org.rsvpconsole.engine.capture.PcapWriter;
import org.rsvpconsole.engine.codec.AggregateSender;
import org.rsvpconsole.engine.codec.AggregateSession;
import org.rsvpconsole.engine.codec.DecodeResult;
import org.rsvpconsole.engine.codec.FilterSpec;
import org.rsvpconsole.engine.codec.IpSession;
import org.rsvpconsole.engine.codec.ObjectMessage;
import org.rsvpconsole.engine.codec.RsvpDecoder;
import org.rsvpconsole.engine.codec.SenderTemplate;
import org.rsvpconsole.engine.codec.Session;
import org.rsvpconsole.engine.scenario.Scenario;
import org.rsvpconsole.engine.scenario.ScenarioLoader;
import org.rsvpconsole.engine.testing.Tshark;
import org.rsvpconsole.engine.topology.Topology;
import org.rsvpconsole.engine.topology.TopologyLoader;

/**
 * RFC 3175 §3.1 on the wire, on examples/rfc4495-figure2: the aggregate reservations are signalled with the
 * RSVP-AGGREGATE-IP4 SESSION (C-Type 9: deaggregator, DSCP), SENDER_TEMPLATE and FILTER_SPEC (C-Type 9: the
 * aggregator), while the end-to-end microflows keep their IPv4 SESSION (C-Type 1). Checked with the engine's decoder
 * and with tshark as the independent one.
 */
class AggregateOnTheWireTest {

    private static final long S = 1_000_000_000L;

    private final List<RsvpEvent> events = new ArrayList<>();

    private static ObjectMessage decode(byte[] datagram) {
        int ihl = (datagram[0] & 0x0f) * 4;
        return (ObjectMessage) ((DecodeResult.Decoded) new RsvpDecoder().decode(datagram, ihl,
            datagram.length - ihl)).message();
    }

    private List<ObjectMessage> sent(String node, String type, SessionId id) {
        return events.stream().filter(e -> e instanceof RsvpEvent.MessageSent m && m.node().equals(node)
                && m.messageType().equals(type) && id.equals(m.session()))
            .map(e -> decode(((RsvpEvent.MessageSent) e).datagram())).toList();
    }

    private static SessionId id(ScenarioRun run, String name) {
        return run.report().sessionNames().entrySet().stream().filter(e -> e.getValue().equals(name))
            .map(Map.Entry::getKey).findFirst().orElseThrow(() -> new AssertionError("no session " + name));
    }

    @Test
    void aggregatesTravelAsRsvpAggregateIp4AndMicroflowsAsIpv4(@TempDir Path dir) throws Exception {
        Path file = Path.of("..", "examples", "rfc4495-figure2.scenario.yaml");
        Scenario s = ScenarioLoader.load(file);
        Topology t = TopologyLoader.load(s.topologyPath(file).orElseThrow());
        Path pcap = dir.resolve("figure2.pcap");
        ScenarioRun run;
        try (PcapWriter w = PcapWriter.create(pcap)) {
            run = ScenarioRun.start(t, s, ScenarioRun.Options.defaults(s.seed()).withTap(new PcapTap(w))
                .withListener(events::add));
            run.runUntil(30 * S);
        }
        IpAddress r5 = run.network().node("R5").address();
        IpAddress r8 = run.network().node("R8").address();
        SessionId y = id(run, "aggregate Y");
        assertEquals(new SessionId(r8, 17, 46), y, "the API still names Y by its deaggregator and DSCP");

        // The aggregator's Path: SESSION RSVP-AGGREGATE-IP4 (R8, DSCP 46), SENDER_TEMPLATE the aggregator R5.
        ObjectMessage path = sent("R5", "Path", y).get(0);
        AggregateSession session = assertInstanceOf(AggregateSession.class, path.first(Session.class).orElseThrow());
        assertEquals(9, session.cType());
        assertEquals(r8, session.destination());
        assertEquals(46, session.dscp());
        AggregateSender sender = assertInstanceOf(AggregateSender.class, path.first(SenderTemplate.class)
            .orElseThrow().sender());
        assertEquals(9, sender.cType());
        assertEquals(r5, sender.aggregator());
        // Interior routers forward it as they received it.
        ObjectMessage atR10 = sent("R10", "Path", y).get(0);
        assertEquals(session, atR10.first(Session.class).orElseThrow());
        // The deaggregator's Resv: FILTER_SPEC C-Type 9 naming the aggregator.
        ObjectMessage resv = sent("R8", "Resv", y).get(0);
        assertEquals(session, resv.first(Session.class).orElseThrow());
        FilterSpec filter = resv.first(FilterSpec.class).orElseThrow();
        assertEquals(new AggregateSender(r5), filter.sender());
        // R10's RFC 4495 reduction of Y names Y the same way.
        ObjectMessage err = sent("R10", "ResvErr", y).get(0);
        assertEquals(session, err.first(Session.class).orElseThrow());
        // A microflow keeps its IPv4 SESSION (C-Type 1) end to end.
        ObjectMessage e2e = sent("R5", "Path", id(run, "flowA")).get(0);
        assertEquals(1, assertInstanceOf(IpSession.class, e2e.first(Session.class).orElseThrow()).cType());
        assertTrue(run.problems().isEmpty(), run.problems().toString());

        // tshark, independently: every Path and Resv of the aggregates has SESSION and sender C-Type 9 and DSCP 46.
        Tshark.require();
        assertTrue(Tshark.malformedOrWarnings(pcap).isEmpty(), "tshark finds nothing malformed");
        List<Tshark.Packet> aggregate = Tshark.pdml(pcap).stream().filter(p -> p.shows("rsvp.ctype.session")
            .contains("9")).toList();
        Set<String> deaggregators = Set.of(r8.toString(), run.network().node("R4").address().toString());
        Set<String> aggregators = Set.of(r5.toString(), run.network().node("R1").address().toString());
        Set<String> types = new TreeSet<>();
        for (Tshark.Packet p : aggregate) {
            String type = p.show("rsvp.msg").orElseThrow();
            types.add(type);
            assertEquals(List.of("46"), p.shows("rsvp.session.dscp"), p.toString());
            assertTrue(deaggregators.containsAll(p.shows("rsvp.session.ip")), p.toString());
            if (type.equals("1")) {
                assertEquals(List.of("9"), p.shows("rsvp.ctype.template"), "SENDER_TEMPLATE C-Type 9: " + p);
                assertTrue(aggregators.containsAll(p.shows("rsvp.sender.ip")), p.toString());
            }
            if (type.equals("2")) {
                List<String> filters = p.named("rsvp.filter").stream().map(Tshark.Field::showname).toList();
                assertEquals(1, filters.size(), p.toString());
                assertTrue(filters.get(0).startsWith("FILTERSPEC: IPv4-Aggregate, Aggregator "), filters.get(0));
            }
        }
        // Path, Resv and R10's ResvErr of the aggregates, all as RSVP-AGGREGATE-IP4.
        assertEquals(Set.of("1", "2", "4"), types);
        // No microflow was signalled as an aggregate: the protocol-134 Paths keep C-Type 1.
        assertTrue(Tshark.pdml(pcap).stream().filter(p -> p.show("ip.proto").equals(java.util.Optional.of("134")))
            .allMatch(p -> p.shows("rsvp.ctype.session").equals(List.of("1"))));
    }
}
