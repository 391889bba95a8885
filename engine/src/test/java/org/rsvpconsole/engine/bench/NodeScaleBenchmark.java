package org.rsvpconsole.engine.bench;

import java.time.Duration;
import java.util.List;
import org.rsvpconsole.engine.api.EventSink;
import org.rsvpconsole.engine.api.FlowRequest;
import org.rsvpconsole.engine.api.ReservationStyle;
import org.rsvpconsole.engine.api.SenderAddress;
import org.rsvpconsole.engine.api.SessionId;
import org.rsvpconsole.engine.api.TrafficSpec;
import org.rsvpconsole.engine.time.VirtualTime;
import org.rsvpconsole.engine.topology.Topology;
import org.rsvpconsole.engine.topology.TopologyBuilder;
import org.rsvpconsole.engine.virtualnet.RsvpNetwork;

/**
 * Scale of the node engine: N sessions (one FF reservation each) across a chain of 10 routers in virtual time,
 * established and then refreshed for a few minutes. Prints wall time and retained heap per session per node.
 * Run: {@code java -cp engine/target/classes:engine/target/test-classes:... NodeScaleBenchmark [sessions]}.
 */
public final class NodeScaleBenchmark {

    private NodeScaleBenchmark() {
    }

    public static void main(String[] args) {
        int sessions = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int minutes = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        TopologyBuilder b = Topology.builder().host("H1");
        String prev = "H1";
        for (int i = 1; i <= 10; i++) {
            b.router("R" + i);
        }
        b.host("H2");
        b.defaults().bandwidth(100_000_000_000L).delayNanos(1_000_000);
        for (int i = 1; i <= 10; i++) {
            b.link(prev, "R" + i);
            prev = "R" + i;
        }
        b.link(prev, "H2");
        Topology t = b.build();
        System.gc();
        long heapBefore = usedHeap();
        long start = System.nanoTime();
        VirtualTime time = new VirtualTime();
        RsvpNetwork net = new RsvpNetwork(t, time, 1, EventSink.NONE);
        TrafficSpec tspec = TrafficSpec.of(10_000, 1000);
        FlowRequest flow = FlowRequest.controlledLoad(tspec);
        var h2 = net.node("H2").address();
        for (int i = 0; i < sessions; i++) {
            SessionId s = new SessionId(h2, SessionId.UDP, i % 65536);
            if (i >= 65536) {
                s = new SessionId(h2, 6, i % 65536);
            }
            net.openReceiver("H2", s);
            SenderAddress a = net.sender("H1", s, 1, tspec);
            net.reserve("H2", s, ReservationStyle.FF, flow, List.of(a), false);
            if (i % 1000 == 999) {
                time.runFor(Duration.ofMillis(100));
            }
        }
        time.runFor(Duration.ofSeconds(1));
        long established = System.nanoTime() - start;
        int reserved = net.linkDirection("H1-R1", "H1").reservations().size();
        time.runFor(Duration.ofMinutes(minutes));
        long total = System.nanoTime() - start;
        System.gc();
        long heap = usedHeap() - heapBefore;
        int nodes = t.nodes().size();
        System.out.printf("%d sessions, %d nodes: %d reserved on H1-R1; established in %.1f s wall, +%d min of"
                + " refreshes: %.1f s wall total; %d executed tasks; heap %.1f MB = %.0f bytes/session/node%n",
            sessions, nodes, reserved, established / 1e9, minutes, total / 1e9, time.executedCount(), heap / 1e6,
            (double) heap / sessions / nodes);
        if (net.nodes().isEmpty()) {
            System.out.println();
        }
    }

    private static long usedHeap() {
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }
}
