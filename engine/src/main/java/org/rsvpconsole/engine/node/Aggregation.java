package org.rsvpconsole.engine.node;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.rsvpconsole.engine.api.AggregateView;
import org.rsvpconsole.engine.api.FlowRequest;
import org.rsvpconsole.engine.api.IpAddress;
import org.rsvpconsole.engine.api.RsvpEvent;
import org.rsvpconsole.engine.api.SenderAddress;
import org.rsvpconsole.engine.api.SessionId;
import org.rsvpconsole.engine.api.TrafficSpec;
import org.rsvpconsole.engine.codec.Dclass;
import org.rsvpconsole.engine.codec.ErrorCodes;
import org.rsvpconsole.engine.codec.ErrorSpec;
import org.rsvpconsole.engine.codec.Flowspec;
import org.rsvpconsole.engine.codec.PolicyData;
import org.rsvpconsole.engine.codec.PolicyElement.PreemptionPriority;
import org.rsvpconsole.engine.codec.RsvpError;
import org.rsvpconsole.engine.codec.Style;
import org.rsvpconsole.engine.tc.IntServMath;
import org.rsvpconsole.engine.topology.Interface;

/**
 * RFC 3175 aggregation roles of one {@link RsvpNode}.
 *
 * <p>Aggregator: end-to-end Path and PathTear messages leaving on the interface into the region go as
 * RSVP-E2E-IGNORE (IP protocol 134), so interior routers forward them as plain IP and hold no state for the
 * microflows; no end-to-end reservation is made on that interface, the aggregate covers it. The aggregator sends
 * the aggregate's Path.
 *
 * <p>Deaggregator: processes protocol-134 messages arriving from the region, admits each microflow against its
 * aggregate, which it sizes in bulk steps with hysteresis and reserves from the aggregator; its end-to-end Resv
 * toward the aggregator carries DCLASS with the DSCP to mark. When the aggregate is reduced (RFC 4495 ResvErr
 * 2/102) it preempts microflows, lowest priority first, then newest (ResvErr downstream and ResvTear upstream for
 * each, and only for those), and re-signals the aggregate at what is left; without RFC 4495, or when the
 * aggregate is preempted whole, every microflow is torn down.
 */
final class Aggregation {

    private static final double EPSILON = 1e-6;
    /** Preempted microflows a deaggregator keeps showing per aggregate (oldest forgotten first). */
    static final int PREEMPTED_SHOWN = 64;

    /** Aggregator: the interface into the region, per aggregate. */
    private final Map<Interface, AggregateConfig> aggregating = new HashMap<>();
    private final Set<SessionId> aggregateSessions = new HashSet<>();
    /** Deaggregator: per interface from the region, the aggregate state. */
    private final Map<Interface, Deaggregate> deaggregating = new LinkedHashMap<>();
    private final RsvpNode node;
    private long order;

    private static final class Deaggregate {
        final AggregateConfig config;
        final Interface region;
        final Map<SessionState, Microflow> flows = new LinkedHashMap<>();
        /** Microflows this deaggregator preempted, as they were then, until their session is admitted again. */
        final Map<SessionId, AggregateView.Microflow> preempted = new LinkedHashMap<>();
        double target;
        boolean adjusting;

        Deaggregate(AggregateConfig config, Interface region) {
            this.config = config;
            this.region = region;
        }

        double sum() {
            double s = 0;
            for (Microflow m : flows.values()) {
                s += m.bandwidth;
            }
            return s;
        }
    }

    private static final class Microflow {
        final SessionState session;
        final long order;
        double bandwidth;

        Microflow(SessionState session, long order) {
            this.session = session;
            this.order = order;
        }
    }

    Aggregation(RsvpNode node) {
        this.node = node;
    }

    boolean active() {
        return !aggregating.isEmpty() || !deaggregating.isEmpty();
    }

    void aggregator(Interface region, AggregateConfig c) {
        aggregating.put(region, c);
        aggregateSessions.add(c.session());
    }

    void deaggregator(Interface region, AggregateConfig c) {
        deaggregating.put(region, new Deaggregate(c, region));
        aggregateSessions.add(c.session());
    }

    /** Whether {@code id} names an aggregate this node aggregates or deaggregates. */
    boolean isAggregate(SessionId id) {
        return aggregateSessions.contains(id);
    }

    /** An end-to-end message leaving the aggregator into the region: protocol 134 (RFC 3175 §3.2). */
    boolean entersRegion(Interface out, SessionId session) {
        return aggregating.containsKey(out) && !aggregateSessions.contains(session);
    }

    /** A protocol-134 message arriving here from the region is processed (this node deaggregates it). */
    boolean leavesRegion(Interface in) {
        return deaggregating.containsKey(in);
    }

    /** The DCLASS of an end-to-end Resv this deaggregator sends toward the aggregator (RFC 3175 §3.3). */
    Dclass dclass(UpstreamResv u, SessionState s) {
        Deaggregate d = u.incoming() == null ? null : deaggregating.get(u.incoming());
        return d == null || aggregateSessions.contains(s.id) ? null : Dclass.of(d.config.dscp());
    }

    /**
     * The merged Resv of a session toward its previous hops changed: at a deaggregator, what a microflow asks of
     * the aggregate changed; the microflow is admitted and the aggregate grows by bulk steps when needed, and
     * shrinks only past a step plus the hysteresis.
     */
    void upstreamComputed(SessionState s, List<UpstreamResv> next) {
        if (aggregateSessions.contains(s.id)) {
            return;
        }
        for (Deaggregate d : deaggregating.values()) {
            double bw = 0;
            for (UpstreamResv u : next) {
                if (u.incoming() == d.region) {
                    for (UpstreamResv.Descriptor x : u.descriptors()) {
                        bw += x.flowspec().bandwidth();
                    }
                }
            }
            Microflow m = d.flows.get(s);
            if (bw <= 0) {
                if (m == null) {
                    continue;
                }
                d.flows.remove(s);
            } else {
                if (m == null) {
                    m = new Microflow(s, ++order);
                    d.flows.put(s, m);
                    d.preempted.remove(s.id);
                }
                m.bandwidth = bw;
            }
            if (!d.adjusting) {
                resize(d);
            }
        }
    }

    private void resize(Deaggregate d) {
        double sum = d.sum();
        double bulk = d.config.bulkBytesPerSecond();
        double stepped = Math.ceil(sum / bulk - EPSILON) * bulk;
        if (sum > d.target + EPSILON || d.target - sum >= bulk + d.config.hysteresisBytesPerSecond() - EPSILON) {
            signal(d, stepped);
        }
    }

    /** Asks the aggregator for {@code bytesPerSecond} for the aggregate (released at 0). */
    private void signal(Deaggregate d, double bytesPerSecond) {
        if (Math.abs(bytesPerSecond - d.target) < EPSILON) {
            return;
        }
        d.target = bytesPerSecond;
        SessionId id = d.config.session();
        if (bytesPerSecond <= EPSILON) {
            node.releaseReservation(id);
            return;
        }
        FlowRequest f = FlowRequest.controlledLoad(new TrafficSpec(bytesPerSecond, 1500, bytesPerSecond, 64, 1500));
        node.priorities(id, d.config.priority(), List.of());
        node.setLocalRequest(id, f, new SenderAddress(d.config.aggregator(), 0));
    }

    /**
     * A ResvErr reached this deaggregator's own aggregate request; true if it was handled here (the session is an
     * aggregate this node deaggregates).
     */
    boolean aggregateError(SessionState s, ErrorSpec err, Flowspec flowspec) {
        Deaggregate d = null;
        for (Deaggregate x : deaggregating.values()) {
            if (x.config.session().equals(s.id)) {
                d = x;
            }
        }
        if (d == null || err.errorCode() != ErrorCodes.POLICY_CONTROL_FAILURE
            || (err.errorValue() != ErrorCodes.PC_PREEMPTED && err.errorValue() != ErrorCodes.PC_RESERVATION_REDUCED)) {
            return d != null && err.errorCode() == ErrorCodes.POLICY_CONTROL_FAILURE;
        }
        boolean reduce = err.errorValue() == ErrorCodes.PC_RESERVATION_REDUCED && flowspec != null
            && node.preemptionSettings().partialPreemption();
        double indicated = reduce ? IntServMath.request(flowspec).bandwidth() : 0;
        if (reduce && d.target <= indicated + EPSILON) {
            answer(s, err.errorValue(), indicated, d.target, d.target, "aggregate " + d.config.name() + " is already"
                + " at or below the indicated bandwidth: a duplicate reduction changes nothing (RFC 4495 Req#4)");
            return true;
        }
        List<Microflow> victims = new ArrayList<>(d.flows.values());
        Comparator<Microflow> byPriority = Comparator.comparingInt(m -> defending(m.session));
        victims.sort(byPriority.thenComparing(Comparator.comparingLong((Microflow m) -> m.order).reversed()));
        double sum = d.sum();
        List<Microflow> chosen = new ArrayList<>();
        for (Microflow m : victims) {
            if (reduce && sum <= indicated + EPSILON) {
                break;
            }
            chosen.add(m);
            sum -= m.bandwidth;
        }
        double before = d.target;
        d.adjusting = true;
        try {
            for (Microflow m : chosen) {
                preempt(d, m, before, indicated, reduce);
            }
        } finally {
            d.adjusting = false;
        }
        double bulk = d.config.bulkBytesPerSecond();
        double now = reduce ? Math.min(indicated, Math.ceil(d.sum() / bulk - EPSILON) * bulk) : 0;
        answer(s, err.errorValue(), indicated, before, now, reduce
            ? String.format(Locale.ROOT, "deaggregator: aggregate %s reduced to %.0f B/s; %d microflow(s) preempted"
                + " (lowest priority, then newest), the aggregate re-signalled at %.0f B/s", d.config.name(),
                indicated, chosen.size(), now)
            : String.format(Locale.ROOT, "deaggregator without RFC 4495 (or aggregate preempted): aggregate %s and"
                + " all %d of its microflows torn down", d.config.name(), chosen.size()));
        signal(d, now);
        return true;
    }

    private int defending(SessionState s) {
        PreemptionPriority p = priorityOf(s);
        return p == null ? 0 : p.defendingPriority();
    }

    /** The merged RFC 3181 element of the requests the microflow's receivers sent; null without. */
    private PreemptionPriority priorityOf(SessionState s) {
        List<ReservationStateBlock> received = new ArrayList<>();
        for (ReservationStateBlock r : s.reservations) {
            if (!r.local()) {
                received.add(r);
            }
        }
        return node.preemptionOf(received);
    }

    /** One microflow goes: ResvErr ERR_PREEMPT to its receivers, ResvTear toward the aggregator. */
    private void preempt(Deaggregate d, Microflow m, double before, double indicated, boolean reduce) {
        SessionState s = m.session;
        int defending = defending(s);
        List<ReservationStateBlock> received = new ArrayList<>();
        for (ReservationStateBlock r : s.reservations) {
            if (!r.local()) {
                received.add(r);
            }
        }
        if (node.emitting()) {
            String why = String.format(Locale.ROOT, "aggregate %s was %s (%.0f to %.0f B/s); deaggregator %s preempts"
                    + " microflow %s (priority %d, %.0f B/s): lowest priority, then newest", d.config.name(),
                reduce ? "reduced" : "preempted", before, indicated, node.name(), s.id, defending, m.bandwidth);
            node.emitEvent(seq -> new RsvpEvent.Preempted(node.nowNanos(), node.name(), seq, d.region.name(),
                d.config.session(), 0, s.id, List.of(), defending, false, m.bandwidth, 0, before - indicated,
                indicated, why));
        }
        d.preempted.remove(s.id);
        d.preempted.put(s.id, view(m, AggregateView.State.PREEMPTED));
        if (d.preempted.size() > PREEMPTED_SHOWN) {
            d.preempted.remove(d.preempted.keySet().iterator().next());
        }
        PreemptionPriority told = new PreemptionPriority(0, PreemptionPriority.MERGE_HIGHEST_PRIORITY,
            PreemptionPriority.ERROR_PREEMPTED, defending, defending);
        for (ReservationStateBlock r : received) {
            node.dropRequest(s, r);
            node.sendResvErr(s.session, r.outgoing, r.nextHop, 0,
                new RsvpError(ErrorCodes.POLICY_CONTROL_FAILURE, ErrorCodes.PC_PREEMPTED), PolicyData.of(told),
                Style.of(r.style), IntServMath.flowspec(r.flowspec), r.filters);
        }
        node.trafficControl(s);
        node.upstream(s);
        d.flows.remove(s);
    }

    private void answer(SessionState s, int value, double indicated, double before, double after, String why) {
        if (node.emitting()) {
            node.emitEvent(seq -> new RsvpEvent.ReductionAnswered(node.nowNanos(), node.name(), seq, s.id, value,
                indicated, before, after, why));
        }
    }

    /** The aggregate's reserved target at this deaggregator, bytes/s, per aggregate name (for reports and tests). */
    Map<String, Double> targets() {
        Map<String, Double> out = new LinkedHashMap<>();
        for (Deaggregate d : deaggregating.values()) {
            out.put(d.config.name(), d.target);
        }
        return out;
    }

    /**
     * Every aggregate this node deaggregates with its microflows (admitted, oldest first, then the preempted ones),
     * for the console; {@code nodeOf} names the aggregator's node from its address.
     */
    List<AggregateView> views(Function<IpAddress, String> nodeOf) {
        List<AggregateView> out = new ArrayList<>();
        for (Deaggregate d : deaggregating.values()) {
            List<AggregateView.Microflow> flows = new ArrayList<>();
            for (Microflow m : d.flows.values()) {
                flows.add(view(m, AggregateView.State.ADMITTED));
            }
            flows.addAll(d.preempted.values());
            AggregateConfig c = d.config;
            out.add(new AggregateView(c.name(), c.session(), nodeOf.apply(c.aggregator()), node.name(), c.dscp(),
                d.target, c.bulkBytesPerSecond(), c.hysteresisBytesPerSecond(), c.priority(), flows));
        }
        return out;
    }

    private AggregateView.Microflow view(Microflow m, AggregateView.State state) {
        List<SenderAddress> senders = new ArrayList<>();
        for (PathStateBlock p : m.session.paths) {
            senders.add(p.apiSender);
        }
        PreemptionPriority p = priorityOf(m.session);
        return new AggregateView.Microflow(m.session.id, senders, m.bandwidth, p == null ? 0 : p.preemptionPriority(),
            p == null ? 0 : p.defendingPriority(), state);
    }

    /** The microflow sessions admitted into each aggregate this node deaggregates. */
    Map<String, List<SessionId>> microflows() {
        Map<String, List<SessionId>> out = new LinkedHashMap<>();
        for (Deaggregate d : deaggregating.values()) {
            List<SessionId> ids = new ArrayList<>();
            for (SessionState s : d.flows.keySet()) {
                ids.add(s.id);
            }
            out.put(d.config.name(), ids);
        }
        return out;
    }
}
