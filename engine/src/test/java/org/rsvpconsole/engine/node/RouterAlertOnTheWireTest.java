package org.rsvpconsole.engine.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rsvpconsole.engine.api.FlowRequest;
import org.rsvpconsole.engine.api.ReservationStyle;
import org.rsvpconsole.engine.api.RsvpEvent;
import org.rsvpconsole.engine.api.SenderAddress;
import org.rsvpconsole.engine.api.SessionId;
import org.rsvpconsole.engine.api.TrafficSpec;
import org.rsvpconsole.engine.capture.PcapWriter;
import org.rsvpconsole.engine.codec.ErrorCodes;
import org.rsvpconsole.engine.codec.IpSender;
import org.rsvpconsole.engine.codec.RsvpError;
import org.rsvpconsole.engine.policy.PolicyControl;
import org.rsvpconsole.engine.policy.PolicyDecision;
import org.rsvpconsole.engine.policy.PolicyRequest;
import org.rsvpconsole.engine.testing.Tshark;

/**
 * Router Alert (RFC 2113, IPv4 option 148) on exactly the messages RFC 2205 §3.11.5 names: Path, PathTear and
 * ResvConf; never on Resv, ResvErr, ResvTear or PathErr, which go hop by hop to an address. Read from the bytes
 * that crossed the simulated links, decoded by tshark.
 */
class RouterAlertOnTheWireTest {

    @Test
    void routerAlertIsOnPathPathTearAndResvConfOnly(@TempDir Path dir) throws Exception {
        Tshark.require();
        // R2 refuses senders on port 9 (PathErr); the chain's 4 Mbit/s per-flow limit gives a ResvErr.
        PolicyControl refusePort9 = r -> r.direction() == PolicyRequest.Direction.PATH && r.node().equals("R2")
            && r.senders().get(0) instanceof IpSender ip && ip.port() == 9
            ? new PolicyDecision.Reject(new RsvpError(ErrorCodes.POLICY_CONTROL_FAILURE,
                ErrorCodes.PC_GENERIC_REJECTION), "not on port 9")
            : PolicyDecision.accept(r);
        Scenario sc = new Scenario(PathAndFixedFilterTest.chain(), n -> NodeConfig.DEFAULT, refusePort9, 1);
        Path pcap = dir.resolve("alert.pcap");
        try (PcapWriter w = PcapWriter.create(pcap)) {
            for (RsvpNode rn : sc.net.nodes()) {
                sc.net.virtualNetwork().attach(rn.node(), (in, datagram) -> {
                    try {
                        w.writePacket(Instant.ofEpochSecond(0, sc.time.nowNanos()), datagram);
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                    rn.receive(in, datagram);
                });
            }
            SessionId s = new SessionId(sc.net.node("H2").address(), SessionId.UDP, 5000);
            sc.net.openReceiver("H2", s);
            SenderAddress a = sc.net.sender("H1", s, 1, TrafficSpec.of(100_000, 10_000));
            sc.net.sender("H1", s, 9, TrafficSpec.of(100_000, 10_000));
            sc.settle();
            sc.net.reserve("H2", s, ReservationStyle.FF, FlowRequest.controlledLoad(TrafficSpec.of(100_000, 10_000)),
                List.of(a), true);
            sc.settle();
            sc.net.reserve("H2", s, ReservationStyle.FF, FlowRequest.controlledLoad(TrafficSpec.of(600_000, 1000)),
                List.of(a), false);
            sc.settle();
            sc.net.releaseReservation("H2", s);
            sc.settle();
            sc.net.releaseSender("H1", s, 1);
            sc.settle();
        }
        assertTrue(Tshark.malformedOrWarnings(pcap).isEmpty(), "tshark finds nothing malformed");
        // Message type (RFC 2205 §3.1.1) -> [with Router Alert, without].
        Map<String, int[]> seen = new TreeMap<>();
        for (Tshark.Packet p : Tshark.pdml(pcap)) {
            String type = p.show("rsvp.msg").orElseThrow(() -> new AssertionError("not RSVP: " + p));
            seen.computeIfAbsent(type, k -> new int[2])[p.named("ip.opt.ra").isEmpty() ? 1 : 0]++;
        }
        // 1 Path, 2 Resv, 3 PathErr, 4 ResvErr, 5 PathTear, 6 ResvTear, 7 ResvConf: every one crossed a link.
        assertEquals(List.of("1", "2", "3", "4", "5", "6", "7"), List.copyOf(seen.keySet()));
        for (Map.Entry<String, int[]> e : seen.entrySet()) {
            boolean alerted = List.of("1", "5", "7").contains(e.getKey());
            int[] n = e.getValue();
            assertEquals(0, alerted ? n[1] : n[0], "type " + e.getKey() + ": " + n[0] + " with Router Alert, "
                + n[1] + " without");
        }
        // The ResvConf from H1 (the sender's host confirms) was intercepted at R1 and R2 on its way to H2.
        for (String router : List.of("R1", "R2")) {
            assertTrue(sc.events(RsvpEvent.MessageReceived.class, router).stream()
                .anyMatch(m -> m.messageType().equals("ResvConf")), router + " saw the ResvConf");
            assertTrue(sc.events(RsvpEvent.ConfirmationReceived.class, router).isEmpty());
        }
        assertEquals(1, sc.events(RsvpEvent.ConfirmationReceived.class, "H2").size());
        assertFalse(sc.events(RsvpEvent.ErrorReceived.class, "H1").isEmpty(), "the PathErr reached H1");
    }
}
