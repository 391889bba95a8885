package org.rsvpconsole.engine.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rsvpconsole.engine.api.FlowRequest;
import org.rsvpconsole.engine.api.NetworkSnapshot;
import org.rsvpconsole.engine.api.RsvpEvent;
import org.rsvpconsole.engine.api.ReservationStyle;
import org.rsvpconsole.engine.api.SessionId;
import org.rsvpconsole.engine.api.TrafficSpec;
import org.rsvpconsole.engine.time.VirtualTime;
import org.rsvpconsole.engine.topology.Topology;
import org.rsvpconsole.engine.topology.TopologyLoader;

/**
 * A topology file's {@code neighbours:} settings reach the nodes of the console's network: refresh reduction,
 * Hello and integrity run, and the snapshot carries every neighbour's state; a node with the wrong key is refused.
 */
class NeighbourFileTest {

    static final String TOPOLOGY = """
        name: neighbours lab
        neighbours:
          refresh-reduction: on
          hello: {interval: 100ms}
          integrity:
            keys:
              - {id: 1, algorithm: hmac-sha256, key-file: lab.key}
        defaults:
          bandwidth: 10M
          delay: 1ms
        nodes:
          H1: host
          R1: router
          R2: router
          R3:
            type: router
            neighbours:
              integrity:
                keys:
                  - {id: 1, algorithm: hmac-sha256, key: "0xdeadbeefdeadbeefdeadbeefdeadbeef"}
          H2: host
        links:
          - ends: [H1, R1]
          - ends: [R1, R2]
          - ends: [R2, R3]
          - ends: [R3, H2]
        """;

    @TempDir
    Path dir;

    @Test
    void fileSettingsRunAndTheSnapshotCarriesTheNeighbours() throws Exception {
        Files.writeString(dir.resolve("lab.key"), "00112233445566778899aabbccddeeff\n");
        Path f = dir.resolve("lab.yaml");
        Files.writeString(f, TOPOLOGY);
        Topology t = TopologyLoader.load(f);
        VirtualLiveNetwork live = new VirtualLiveNetwork(t, null, 1, 1, e -> {
            throw new AssertionError(e);
        });
        List<RsvpEvent.NeighbourEvent> events = new ArrayList<>();
        live.subscribe(e -> {
            if (e instanceof RsvpEvent.NeighbourEvent n) {
                events.add(n);
            }
        });
        VirtualTime time = live.startUnpaced();
        TrafficSpec tspec = TrafficSpec.of(10_000, 200);
        SessionId session = new SessionId(live.addressOf("H2"), SessionId.UDP, 5000);
        live.startSender("H1", session, 4000, tspec);
        time.runUntil(100_000_000L);
        live.reserveAt("H2", session, ReservationStyle.WF, FlowRequest.controlledLoad(tspec), List.of());
        time.runUntil(5_000_000_000L);
        NetworkSnapshot s = new NetworkSnapshot(time.nowNanos(), live.network().linkDirections(),
            live.network().nodeStates(), live.network().neighbourViews());
        var r1r2 = s.neighbours().stream().filter(n -> n.node().equals("R1")
            && t.ownerOf(n.view().neighbour()).orElseThrow().name().equals("R2")).findFirst().orElseThrow();
        assertTrue(r1r2.view().refreshReduction(), r1r2.toString());
        assertEquals("UP", r1r2.view().helloState());
        assertEquals(1, r1r2.view().integrityKeyId());
        assertTrue(r1r2.view().sent().getOrDefault("Hello", 0L) > 10, r1r2.view().sent().toString());
        assertEquals(0, r1r2.view().integrityFailures());
        var r2r3 = s.neighbours().stream().filter(n -> n.node().equals("R2")
            && t.ownerOf(n.view().neighbour()).orElseThrow().name().equals("R3")).findFirst().orElseThrow();
        assertTrue(r2r3.view().integrityFailures() > 0, "R3 signs with another secret: " + r2r3);
        assertFalse(r2r3.view().helloState().equals("UP"), "its Hellos are dropped too");
        assertTrue(events.stream().anyMatch(e -> e.node().equals("R2") && e.kind().equals("INTEGRITY_FAILED")
            && e.detail().contains("digest does not match")), events.toString());
        assertTrue(events.stream().noneMatch(e -> e.detail().contains("deadbeef") || e.detail().contains("0011223344")),
            "no key material in events");
        assertTrue(s.neighbours().stream().noneMatch(n -> n.node().equals("H1") && n.view().integrityKeyId() < 0));
    }
}
