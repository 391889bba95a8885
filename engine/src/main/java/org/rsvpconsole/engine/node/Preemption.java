package org.rsvpconsole.engine.node;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.rsvpconsole.engine.api.FlowRequest;
import org.rsvpconsole.engine.api.ReservationStyle;
import org.rsvpconsole.engine.api.RsvpEvent;
import org.rsvpconsole.engine.api.ServiceClass;
import org.rsvpconsole.engine.api.SessionPriorities;
import org.rsvpconsole.engine.api.TrafficSpec;
import org.rsvpconsole.engine.codec.ErrorCodes;
import org.rsvpconsole.engine.codec.ErrorSpec;
import org.rsvpconsole.engine.codec.Flowspec;
import org.rsvpconsole.engine.codec.LspTunnelSession;
import org.rsvpconsole.engine.codec.ObjectMessage;
import org.rsvpconsole.engine.codec.PolicyData;
import org.rsvpconsole.engine.codec.PolicyElement;
import org.rsvpconsole.engine.codec.PolicyElement.PreemptionPriority;
import org.rsvpconsole.engine.codec.RsvpError;
import org.rsvpconsole.engine.codec.Style;
import org.rsvpconsole.engine.tc.IntServMath;
import org.rsvpconsole.engine.topology.Interface;

/**
 * Preemption (RFC 3181) and reservation reduction (RFC 4495) for one {@link RsvpNode}: the priorities requests
 * carry and how they merge, the choice of victims when a request does not fit an interface, what the victims'
 * next hops are told, and how a receiver answers. Runs on the node's scheduler thread, inside the node's
 * processing; the node calls it at three places (admission, ResvErr at a receiver, Resv going upstream).
 */
final class Preemption {

    private static final double EPSILON = 1e-6;

    private final RsvpNode node;
    private PreemptionSettings settings = PreemptionSettings.DEFAULT;

    Preemption(RsvpNode node) {
        this.node = node;
    }

    PreemptionSettings settings() {
        return settings;
    }

    void settings(PreemptionSettings s) {
        settings = s;
    }

    /** The element this host's own requests carry for {@code p} (RFC 3181 §4). */
    PreemptionPriority element(SessionPriorities p) {
        return p == null ? null : new PreemptionPriority(0, settings.mergeStrategy(), PreemptionPriority.ERROR_NONE,
            p.setup(), p.hold());
    }

    /** The first PREEMPTION_PRI element of a message's POLICY_DATA objects; null if none. */
    static PreemptionPriority fromMessage(ObjectMessage m) {
        for (PolicyData pd : m.all(PolicyData.class)) {
            for (PolicyElement e : pd.elements()) {
                if (e instanceof PreemptionPriority p) {
                    return p;
                }
            }
        }
        return null;
    }

    // Merging (RFC 3181 §5) ----------------------------------------------------------------------------------

    /**
     * The priority of several merged requests (RFC 3181 §5.1): the strategy the elements ask for (this node's
     * when they disagree); 1 takes the element of the request with the highest QoS, 2 the highest preemption
     * and the highest defending priority, 3 the common element (heterogeneous ones are refused on arrival, see
     * {@link #heterogeneous}; should some remain, they merge as 2). Null when no request has an element.
     */
    PreemptionPriority merge(List<ReservationStateBlock> requests) {
        PreemptionPriority first = null;
        int strategy = -1;
        for (ReservationStateBlock r : requests) {
            if (r.priority != null) {
                if (first == null) {
                    first = r.priority;
                    strategy = r.priority.mergeStrategy();
                } else if (r.priority.mergeStrategy() != strategy) {
                    strategy = settings.mergeStrategy();
                }
            }
        }
        if (first == null) {
            return null;
        }
        if (strategy == PreemptionPriority.MERGE_HIGHEST_QOS) {
            ReservationStateBlock best = null;
            for (ReservationStateBlock r : requests) {
                if (r.priority != null && (best == null
                    || r.effective().bandwidth() > best.effective().bandwidth() + EPSILON)) {
                    best = r;
                }
            }
            return withoutError(best.priority);
        }
        int setup = 0;
        int defend = 0;
        for (ReservationStateBlock r : requests) {
            if (r.priority != null) {
                setup = Math.max(setup, r.priority.preemptionPriority());
                defend = Math.max(defend, r.priority.defendingPriority());
            }
        }
        return new PreemptionPriority(0, strategy, PreemptionPriority.ERROR_NONE, setup, defend);
    }

    private static PreemptionPriority withoutError(PreemptionPriority p) {
        return new PreemptionPriority(p.flags(), p.mergeStrategy(), PreemptionPriority.ERROR_NONE,
            p.preemptionPriority(), p.defendingPriority());
    }

    /**
     * True if the requests for {@code oi} carry different priorities and one of them asks for strategy 3, "force
     * error on heterogeneous merge" (RFC 3181 §5.1.3): the newcomer is refused.
     */
    boolean heterogeneous(SessionState s, Interface oi) {
        boolean strict = false;
        for (ReservationStateBlock r : s.reservations) {
            strict |= r.outgoing == oi && r.priority != null
                && r.priority.mergeStrategy() == PreemptionPriority.MERGE_ERROR_ON_HETEROGENEOUS;
        }
        if (!strict) {
            return false;
        }
        Set<Long> pairs = new HashSet<>();
        for (ReservationStateBlock r : s.reservations) {
            if (r.outgoing == oi && !r.local()) {
                PreemptionPriority p = r.priority;
                pairs.add(p == null ? 0L : ((long) p.preemptionPriority() << 16) | p.defendingPriority());
            }
        }
        return pairs.size() > 1;
    }

    /** The requests of {@code s} on {@code oi} that make up {@code t} (all of them for a shared reservation). */
    private static List<ReservationStateBlock> requestsFor(SessionState s, Interface oi, TrafficControlStateBlock t) {
        List<ReservationStateBlock> out = new ArrayList<>();
        for (ReservationStateBlock r : s.reservations) {
            if (!r.local() && r.outgoing == oi
                && (t == null || t.style() != ReservationStyle.FF
                    || r.selects(t.senders().get(0)))) {
                out.add(r);
            }
        }
        return out;
    }

    /** The priority element of the Resv this node sends to {@code u}'s previous hop; null if none. */
    PolicyData upstream(SessionState s, UpstreamResv u) {
        boolean any = false;
        for (ReservationStateBlock r : s.reservations) {
            any |= r.priority != null;
        }
        if (!any) {
            return null;
        }
        List<ReservationStateBlock> contributing = new ArrayList<>();
        for (ReservationStateBlock r : s.reservations) {
            if (node.contributes(s, r, u.previousHop())) {
                contributing.add(r);
            }
        }
        PreemptionPriority p = merge(contributing);
        return p == null ? null : PolicyData.of(p);
    }

    // Admission (RFC 3181 §2, RFC 4495 §5) -------------------------------------------------------------------

    private record Victim(SessionState session, TrafficControlStateBlock tcsb, PreemptionPriority priority,
                          int defending) {
    }

    /**
     * {@code s}'s request needs {@code want} bytes/s on {@code oi} where {@code free} is left: takes the
     * difference from reservations whose defending priority is below the request's preemption priority, lowest
     * defending priority first, then newest (or oldest) first. With RFC 4495, the last reservation needed is only
     * reduced, so one event reduces at most one reservation (RFC 4495 §5.5); the others are preempted whole.
     * Nothing is touched unless the victims together free enough.
     *
     * @return true if the bandwidth was freed
     */
    boolean makeRoom(SessionState s, Interface oi, double want, double free) {
        PreemptionPriority mine = merge(requestsFor(s, oi, null));
        if (mine == null) {
            return false;
        }
        List<Victim> candidates = new ArrayList<>();
        double available = 0;
        for (SessionState o : node.sessionStates()) {
            if (o == s) {
                continue;
            }
            for (TrafficControlStateBlock t : o.trafficControl) {
                if (t.outgoing() != oi) {
                    continue;
                }
                PreemptionPriority p = merge(requestsFor(o, oi, t));
                int defending = p == null ? 0 : p.defendingPriority();
                if (defending < mine.preemptionPriority()) {
                    candidates.add(new Victim(o, t, p, defending));
                    available += t.reserved();
                }
            }
        }
        double shortfall = want - free;
        if (candidates.isEmpty() || available + EPSILON < shortfall) {
            return false;
        }
        Comparator<Victim> order = Comparator.comparingInt(Victim::defending);
        Comparator<Victim> age = Comparator.comparingLong(v -> v.session().admittedOrder);
        candidates.sort(order.thenComparing(settings.newestFirst() ? age.reversed() : age));
        List<Victim> chosen = new ArrayList<>();
        List<Double> keep = new ArrayList<>();
        for (Victim v : candidates) {
            if (shortfall <= EPSILON) {
                break;
            }
            double r = v.tcsb().reserved();
            // An LSP is never reduced: RFC 3209 has no partial preemption, its bandwidth is all or nothing.
            boolean lsp = v.session().session instanceof LspTunnelSession;
            if (settings.partialPreemption() && !lsp && r - shortfall > EPSILON) {
                chosen.add(v);
                keep.add(r - shortfall);
                shortfall = 0;
            } else {
                chosen.add(v);
                keep.add(0.0);
                shortfall -= r;
            }
        }
        for (int i = 0; i < chosen.size(); i++) {
            apply(s, mine, oi, want, free, chosen.get(i), keep.get(i));
        }
        return true;
    }

    private void apply(SessionState s, PreemptionPriority mine, Interface oi, double want, double free, Victim v,
                       double keep) {
        SessionState o = v.session();
        TrafficControlStateBlock t = v.tcsb();
        boolean partial = keep > 0;
        double taken = t.reserved() - keep;
        if (node.emitting()) {
            String explanation = String.format(Locale.ROOT, "%s (priority %d) needed %.0f B/s on %s where %.0f B/s"
                    + " were free; %s defends with %d < %d, so %s", s.id, mine.preemptionPriority(), want,
                oi.name(), free, o.id, v.defending(), mine.preemptionPriority(), partial
                    ? String.format(Locale.ROOT, "it was reduced from %.0f to %.0f B/s (RFC 4495)", t.reserved(),
                        keep)
                    : String.format(Locale.ROOT, "its %.0f B/s reservation was preempted (RFC 3181)",
                        t.reserved()));
            node.emitEvent(seq -> new RsvpEvent.Preempted(node.nowNanos(), node.name(), seq, oi.name(), s.id,
                mine.preemptionPriority(), o.id, RsvpNode.apiSenders(t.senders()), v.defending(), partial, taken,
                keep, want, free, explanation));
        }
        PreemptionPriority told = v.priority() == null
            ? new PreemptionPriority(0, settings.mergeStrategy(), PreemptionPriority.ERROR_PREEMPTED, 0, 0)
            : new PreemptionPriority(v.priority().flags(), v.priority().mergeStrategy(),
                PreemptionPriority.ERROR_PREEMPTED, v.priority().preemptionPriority(),
                v.priority().defendingPriority());
        List<ReservationStateBlock> requests = requestsFor(o, oi, t);
        if (partial) {
            // RFC 4495 §5: the reservation stays at what is left; the ResvErr says how much (its FLOWSPEC), with
            // InPlace set, and no ResvTear goes upstream.
            FlowRequest left = node.normalizeRequest(capTo(t.flowspec(), keep));
            for (ReservationStateBlock r : requests) {
                r.cap = node.normalizeRequest(capTo(r.effective(), Math.min(keep, r.effective().bandwidth())));
            }
            for (ReservationStateBlock r : requests) {
                node.sendResvErr(o.session, oi, r.nextHop, ErrorSpec.FLAG_IN_PLACE,
                    new RsvpError(ErrorCodes.POLICY_CONTROL_FAILURE, ErrorCodes.PC_RESERVATION_REDUCED),
                    PolicyData.of(told), Style.of(r.style), IntServMath.flowspec(left), r.filters);
            }
            node.trafficControl(o);
            return;
        }
        // RFC 3181 / RFC 2205 §3.1.6: the reservation goes; its receivers hear ERR_PREEMPT, upstream gets ResvTear.
        for (ReservationStateBlock r : requests) {
            node.dropRequest(o, r);
            node.sendResvErr(o.session, oi, r.nextHop, 0,
                new RsvpError(ErrorCodes.POLICY_CONTROL_FAILURE, ErrorCodes.PC_PREEMPTED), PolicyData.of(told),
                Style.of(r.style), IntServMath.flowspec(r.flowspec), r.filters);
        }
        node.trafficControl(o);
        node.upstream(o);
    }

    /**
     * {@code f} limited to {@code bytesPerSecond}: the Guaranteed rate R, or the Controlled Load token rate r; the
     * token rate never exceeds R (RFC 2212 §5), so the smaller request passes admission downstream.
     */
    static FlowRequest capTo(FlowRequest f, double bytesPerSecond) {
        TrafficSpec t = f.tspec();
        double rate = Math.min(t.rate(), bytesPerSecond);
        TrafficSpec capped = new TrafficSpec(rate, t.bucket(), Math.max(rate, t.peak()), t.minPoliced(),
            t.maxPacket());
        if (f.service() == ServiceClass.GUARANTEED) {
            return FlowRequest.guaranteed(capped, bytesPerSecond, f.slackMicros());
        }
        return FlowRequest.controlledLoad(capped);
    }

    // The receiving side (RFC 4495 §5.4, RFC 4495 §6) ---------------------------------------------------------

    /**
     * A ResvErr reached this receiver's own request. ERR_PREEMPT (RFC 3181): the application gives up and releases
     * the reservation. A reduction (code 2, value 102) with RFC 4495: ask for the highest of the session's
     * fall-back bandwidths (e.g. a codec ladder) that fits what may stay, or exactly that when none were given;
     * give up when none fits. A node without RFC 4495 does not know value 102 and treats it as any policy failure:
     * it gives up (RFC 4495 §6). The indicated bandwidth is absolute, so a duplicated or retransmitted ResvErr
     * finds the request already small enough and changes nothing (Req#4).
     */
    void receiverHeard(SessionState s, ErrorSpec err, Flowspec flowspec) {
        if (err.errorCode() != ErrorCodes.POLICY_CONTROL_FAILURE) {
            return;
        }
        int value = err.errorValue();
        if (value != ErrorCodes.PC_PREEMPTED && value != ErrorCodes.PC_RESERVATION_REDUCED) {
            return;
        }
        double current = 0;
        for (ReservationStateBlock r : s.reservations) {
            if (r.local()) {
                current = Math.max(current, r.flowspec.bandwidth());
            }
        }
        if (current == 0) {
            return;
        }
        if (value == ErrorCodes.PC_PREEMPTED || !settings.partialPreemption() || flowspec == null) {
            answer(s, value, 0, current, 0, value == ErrorCodes.PC_PREEMPTED
                ? "preempted (RFC 3181): the receiver releases its reservation"
                : "reduction not understood (no RFC 4495): the receiver gives up as for any policy failure");
            node.releaseReservation(s.id);
            return;
        }
        double indicated = IntServMath.request(flowspec).bandwidth();
        if (current <= indicated + EPSILON) {
            answer(s, value, indicated, current, current, "already at or below the indicated bandwidth: a"
                + " duplicate reduction changes nothing (RFC 4495 Req#4)");
            return;
        }
        double step = -1;
        if (s.fallbacks.isEmpty()) {
            step = indicated;
        } else {
            for (double b : s.fallbacks) {
                if (b <= indicated + EPSILON && b > step) {
                    step = b;
                }
            }
        }
        if (step <= 0) {
            answer(s, value, indicated, current, 0, String.format(Locale.ROOT, "no fall-back fits the %.0f B/s"
                + " that may stay: the receiver gives up", indicated));
            node.releaseReservation(s.id);
            return;
        }
        answer(s, value, indicated, current, step, String.format(Locale.ROOT, "reduced to %.0f B/s: asks for %.0f"
            + " B/s now (RFC 4495 §5)", indicated, step));
        node.reduceLocalRequests(s, step);
    }

    private void answer(SessionState s, int value, double indicated, double before, double after, String why) {
        if (node.emitting()) {
            node.emitEvent(seq -> new RsvpEvent.ReductionAnswered(node.nowNanos(), node.name(), seq, s.id, value,
                indicated, before, after, why));
        }
    }
}
