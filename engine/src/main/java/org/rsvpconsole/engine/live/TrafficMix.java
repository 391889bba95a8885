package org.rsvpconsole.engine.live;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.rsvpconsole.engine.api.FlowRequest;
import org.rsvpconsole.engine.api.LspId;
import org.rsvpconsole.engine.api.SenderAddress;
import org.rsvpconsole.engine.api.SessionId;
import org.rsvpconsole.engine.api.SessionPriorities;
import org.rsvpconsole.engine.api.TrafficSpec;
import org.rsvpconsole.engine.codec.TokenBucket;
import org.rsvpconsole.engine.node.PreemptionSettings;
import org.rsvpconsole.engine.scenario.AggregateSpec;
import org.rsvpconsole.engine.scenario.Preemption;
import org.rsvpconsole.engine.scenario.Scenario;
import org.rsvpconsole.engine.scenario.ScenarioOperation;
import org.rsvpconsole.engine.scenario.SenderRef;
import org.rsvpconsole.engine.scenario.SessionRef;
import org.rsvpconsole.engine.time.VirtualTime;
import org.rsvpconsole.engine.topology.Link;
import org.rsvpconsole.engine.topology.Topology;

/**
 * Plays a scenario's operations (its call generators expanded) on the live network, over and over, so the console
 * always has traffic coming and going. While switched off it starts nothing new; calls already up still end.
 * Everything runs on the simulation thread.
 */
public final class TrafficMix {

    /**
     * A scenario to loop.
     *
     * @param pauseNanos quiet time between the end of one round and the start of the next
     */
    public record Plan(Scenario scenario, long pauseNanos) {
    }

    private final VirtualLiveNetwork live;
    private final VirtualTime time;
    private final Scenario scenario;
    private final List<ScenarioOperation> operations;
    private final long roundNanos;
    /** Sender TSpecs as the mix started them: the default of a reservation that leaves its token bucket out. */
    private final Map<SessionRef, TokenBucket> tspecs = new ConcurrentHashMap<>();
    /** LSPs the mix opened, by name (RSVP-TE operations of the scenario). */
    private final Map<String, LspId> lsps = new ConcurrentHashMap<>();

    TrafficMix(Plan plan, VirtualLiveNetwork live, VirtualTime time) {
        this.live = live;
        this.time = time;
        this.scenario = plan.scenario();
        this.operations = scenario.expand();
        long end = operations.isEmpty() ? 0 : operations.get(operations.size() - 1).atNanos();
        this.roundNanos = end + plan.pauseNanos();
    }

    void start() {
        regions();
        round(time.nowNanos());
    }

    /**
     * The scenario's RFC 3175 aggregates and its nodes without RFC 4495, set up once (not per round) as
     * {@code ScenarioRun} does: the aggregates stay while their microflows come and go.
     */
    private void regions() {
        // A name the topology does not have (simulate reports it as a run problem) sets up nothing; the rest of
        // the mix runs.
        for (String name : scenario.withoutRfc4495()) {
            if (live.network().topology().node(name).isPresent()) {
                live.network().node(name).preemptionSettings(PreemptionSettings.WITHOUT_RFC4495);
            }
        }
        for (AggregateSpec a : scenario.aggregates()) {
            try {
                live.network().aggregate(a.name(), a.aggregator(), a.deaggregator(), a.dscp(), a.bulkBps(),
                    a.hysteresisBps(), a.priority().map(Preemption::priorities)
                        .orElse(null));
            } catch (IllegalArgumentException e) {
                // see above
            }
        }
    }

    private void round(long startNanos) {
        for (ScenarioOperation op : operations) {
            time.scheduleAt(startNanos + op.atNanos(), () -> run(op));
        }
        if (operations.stream().anyMatch(op -> op instanceof ScenarioOperation.OpenLsp)) {
            // LSPs the scenario leaves open are closed in the quiet time, so the next round signals them afresh
            // as the file says (a second round's reroute-lsp would otherwise find the LSP ID it asks for in use).
            long end = operations.get(operations.size() - 1).atNanos();
            time.scheduleAt(startNanos + end + (roundNanos - end) / 2, this::closeLsps);
        }
        time.scheduleAt(startNanos + Math.max(roundNanos, 1_000_000_000L), () -> round(time.nowNanos()));
    }

    private void run(ScenarioOperation op) {
        boolean on = live.trafficMix();
        switch (op) {
            case ScenarioOperation.StartSender s -> {
                if (on) {
                    tspecs.put(s.session(), s.tspec());
                    live.startSender(s.host(), session(s.session()), s.sourcePort(), tspec(s.tspec()));
                }
            }
            case ScenarioOperation.Reserve r -> {
                if (on && tspecs.containsKey(r.session())) {
                    List<SenderAddress> filters = r.filters().stream().map(this::sender).toList();
                    r.priority().ifPresent(p -> {
                        // RFC 3181: the receiver's Resv carries them (PREEMPTION_PRI), and its reduce-to
                        // bandwidths answer an RFC 4495 reduction, as in ScenarioRun.
                        SessionPriorities pri = p.priorities();
                        live.network().node(r.receiver()).priorities(session(r.session()), pri,
                            p.reduceToBytesPerSecond());
                        live.prioritise(session(r.session()), pri);
                    });
                    live.reserveAt(r.receiver(), session(r.session()), r.style(),
                        flow(r.flow(), tspecs.get(r.session())), filters);
                }
            }
            case ScenarioOperation.Release r -> {
                if (tspecs.containsKey(r.session())) {
                    live.releaseAt(r.receiver(), session(r.session()));
                }
            }
            case ScenarioOperation.TearDown t -> {
                if (tspecs.remove(t.session()) != null) {
                    live.network().releaseSender(t.host(), session(t.session()), t.sourcePort());
                }
            }
            case ScenarioOperation.ChangeTspec c -> {
                if (tspecs.containsKey(c.session())) {
                    live.network().changeTspec(c.host(), session(c.session()), c.sourcePort(), tspec(c.tspec()));
                }
            }
            case ScenarioOperation.LinkDown d -> {
                if (on) {
                    live.network().failLink(link(d.link().name().orElse(null), d.link().ends()));
                }
            }
            case ScenarioOperation.LinkUp u -> live.network().restoreLink(link(u.link().name().orElse(null),
                u.link().ends()));
            case ScenarioOperation.Calls c -> { } // expanded already
            case ScenarioOperation.OpenLsp l -> {
                if (on && !lsps.containsKey(l.name())) {
                    lsps.put(l.name(), live.network().node(l.head()).openLsp(l.request(live.network().topology())));
                }
            }
            case ScenarioOperation.RerouteLsp l -> {
                LspId old = lsps.get(l.name());
                if (old != null) {
                    lsps.put(l.name(), head(old).rerouteLsp(old, l.lspId(), l.explicitRoute(live.network()
                        .topology())));
                }
            }
            case ScenarioOperation.CloseLsp l -> {
                LspId id = lsps.remove(l.name());
                if (id != null) {
                    head(id).closeLsp(id);
                }
            }
        }
    }

    private void closeLsps() {
        for (String name : List.copyOf(lsps.keySet())) {
            LspId id = lsps.remove(name);
            if (id != null) {
                head(id).closeLsp(id);
            }
        }
    }

    /** The owner of the head end address: an IPv6 LSP's need not be the node's primary address. */
    private org.rsvpconsole.engine.node.RsvpNode head(LspId id) {
        String name = live.network().topology().ownerOf(id.headEnd()).orElseThrow(() -> new IllegalStateException(
            "no node has the head end address " + id.headEnd() + " of " + id)).name();
        return live.network().node(name);
    }

    private String link(String name, List<String> ends) {
        if (name != null) {
            return name;
        }
        Topology t = live.network().topology();
        List<Link> between = t.linksBetween(t.requireNode(ends.get(0)), t.requireNode(ends.get(1)));
        return between.get(0).name();
    }

    private SessionId session(SessionRef s) {
        return new SessionId(s.node().map(live::addressOf).orElseGet(() -> s.address().orElseThrow()), s.protocol(),
            s.port());
    }

    private SenderAddress sender(SenderRef s) {
        return new SenderAddress(live.addressOf(s.node()), s.port());
    }

    static TrafficSpec tspec(TokenBucket t) {
        return new TrafficSpec(t.rate(), t.bucketSize(), Math.max(t.peakRate(), t.rate()), t.minPolicedUnit(),
            Math.max(t.maxPacketSize(), t.minPolicedUnit()));
    }

    static FlowRequest flow(org.rsvpconsole.engine.scenario.FlowRequest f, TokenBucket sendersTspec) {
        TrafficSpec t = tspec(f.tspec().orElse(sendersTspec));
        return switch (f.service()) {
            case CONTROLLED_LOAD -> FlowRequest.controlledLoad(t);
            case GUARANTEED -> FlowRequest.guaranteed(t, f.rate().orElse(t.rate()), f.slackMicros());
        };
    }
}
