package org.rsvpconsole.engine.policy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.rsvpconsole.engine.codec.ControlledLoadFlowspec;
import org.rsvpconsole.engine.codec.ErrorCodes;
import org.rsvpconsole.engine.codec.Flowspec;
import org.rsvpconsole.engine.codec.GuaranteedFlowspec;
import org.rsvpconsole.engine.codec.RsvpError;
import org.rsvpconsole.engine.codec.SenderTspec;
import org.rsvpconsole.engine.codec.TokenBucket;
import org.rsvpconsole.engine.policy.PolicyRequest.Direction;
import org.rsvpconsole.engine.policy.PolicyRequest.Service;
import org.rsvpconsole.engine.topology.LinkUnits;

/**
 * Local policy in the z/OS RSVP agent model (docs/policy.md): the first policy, by priority, whose match covers the
 * request's session and senders limits it.
 * <ul>
 *   <li>MaxFlows is a count and cannot be lowered: a Resv that would take the node past it is refused, Policy
 *       Control Failure (RFC 2205 Appendix B code 2) value 4, quota (RFC 2750 §4).</li>
 *   <li>FlowServiceType, MaxRatePerFlow and MaxTokenBucketPerFlow limit the request, as the agent does: a
 *       Guaranteed request under a Controlled-Load policy becomes Controlled-Load; TSpec r and RSpec R are lowered
 *       to MaxRatePerFlow, b to MaxTokenBucketPerFlow. A policy with {@code over-limit: refuse} refuses instead:
 *       value 17 (service rejected) for the service, 19 (flowspec too large) for a Resv's rate or bucket, 3 (generic
 *       rejection) for a Path's TSpec, for which RFC 2750 has no value of its own.</li>
 *   <li>OutgoingTOS: the accepted flow is marked with the policy's DSCP.</li>
 * </ul>
 * Stateless: it decides from the request alone (the node supplies the flow count), so one instance may serve a
 * node's event loop without locking.
 */
public final class LocalPolicy implements PolicyControl {

    private final PolicyConfig config;

    public LocalPolicy(PolicyConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    public PolicyConfig config() {
        return config;
    }

    @Override
    public PolicyDecision decide(PolicyRequest request) {
        return evaluate(request).decision();
    }

    /**
     * The decision with its explanation: which policy applied (none: accepted unchanged) and what it changed, e.g.
     * {@code policy 'voice': MaxRatePerFlow 80 kbit/s, request 128 kbit/s: r lowered to 80 kbit/s}.
     */
    public Evaluation evaluate(PolicyRequest request) {
        Optional<PolicyRule> found = config.find(request.session(), request.senders());
        if (found.isEmpty()) {
            return new Evaluation(PolicyDecision.accept(request), Optional.empty(), List.of());
        }
        PolicyRule rule = found.get();
        String who = "policy '" + rule.name() + "': ";
        List<String> changes = new ArrayList<>();

        // MaxFlows: counts reservations, so it judges Resv requests (a Path reserves nothing).
        if (request.direction() == Direction.RESV && rule.maxFlows().isPresent()
            && request.currentFlowCount() >= rule.maxFlows().getAsInt()) {
            return reject(rule, ErrorCodes.PC_QUOTA_VIOLATION, who + "MaxFlows " + rule.maxFlows().getAsInt()
                + ", request would be flow " + (request.currentFlowCount() + 1));
        }

        Optional<Flowspec> flowspec = request.flowspec();
        if (flowspec.isPresent() && rule.flowServiceType().isPresent()
            && rule.flowServiceType().get() == Service.CONTROLLED_LOAD
            && flowspec.get() instanceof GuaranteedFlowspec g) {
            String reason = who + "FlowServiceType controlled-load, request guaranteed";
            if (rule.overLimit() == PolicyRule.OverLimit.REFUSE) {
                return reject(rule, ErrorCodes.PC_SERVICE_REJECTED, reason);
            }
            flowspec = Optional.of(new ControlledLoadFlowspec(g.tokenBucket()));
            changes.add(reason + ": lowered to controlled-load");
        }

        Optional<SenderTspec> tspec = request.tspec();
        // The limit a Path's own TSpec breaks, or the flowspec of a Resv: these are what the request asks for.
        boolean resv = request.direction() == Direction.RESV;
        int overValue = resv ? ErrorCodes.PC_FLOWSPEC_REJECTED : ErrorCodes.PC_GENERIC_REJECTION;
        if (rule.maxRatePerFlow().isPresent()) {
            long max = rule.maxRatePerFlow().getAsLong();
            Optional<String> over = firstOver(resv ? flowspecRates(flowspec) : tspecRate(tspec), max);
            if (over.isPresent()) {
                String reason = who + "MaxRatePerFlow " + rate(max) + ", request " + over.get();
                if (rule.overLimit() == PolicyRule.OverLimit.REFUSE) {
                    return reject(rule, overValue, reason);
                }
                changes.add(reason + ": lowered to " + rate(max));
            }
            float cap = (float) (max / 8.0);
            tspec = tspec.map(t -> new SenderTspec(capRate(t.tokenBucket(), cap)));
            flowspec = flowspec.map(f -> capRate(f, cap));
        }
        if (rule.maxTokenBucketPerFlow().isPresent()) {
            long max = rule.maxTokenBucketPerFlow().getAsLong();
            Optional<TokenBucket> asked = resv ? flowspec.map(Flowspec::tokenBucket)
                : tspec.map(SenderTspec::tokenBucket);
            if (asked.isPresent() && asked.get().bucketSize() > max) {
                String reason = who + "MaxTokenBucketPerFlow " + bytes(max) + ", request "
                    + bytes(asked.get().bucketSize());
                if (rule.overLimit() == PolicyRule.OverLimit.REFUSE) {
                    return reject(rule, overValue, reason);
                }
                changes.add(reason + ": lowered to " + bytes(max));
            }
            tspec = tspec.map(t -> new SenderTspec(capBucket(t.tokenBucket(), max)));
            flowspec = flowspec.map(f -> switch (f) {
                case ControlledLoadFlowspec c -> new ControlledLoadFlowspec(capBucket(c.tokenBucket(), max));
                case GuaranteedFlowspec g -> new GuaranteedFlowspec(capBucket(g.tokenBucket(), max), g.rate(),
                    g.slack());
            });
        }
        PolicyDecision accept = new PolicyDecision.Accept(tspec, flowspec, rule.dscp().isPresent()
            ? Optional.of(rule.dscp().getAsInt()) : Optional.empty());
        return new Evaluation(accept, Optional.of(rule), changes);
    }

    /**
     * A decision and why.
     *
     * @param decision what the node is told
     * @param policy   the policy that applied; empty when none matched (accepted unchanged)
     * @param changes  one line per limit that lowered the request, naming the policy, the limit and the values
     */
    public record Evaluation(PolicyDecision decision, Optional<PolicyRule> policy, List<String> changes) {

        public Evaluation {
            Objects.requireNonNull(decision, "decision");
            Objects.requireNonNull(policy, "policy");
            changes = List.copyOf(changes);
        }
    }

    private static Evaluation reject(PolicyRule rule, int value, String reason) {
        return new Evaluation(new PolicyDecision.Reject(new RsvpError(ErrorCodes.POLICY_CONTROL_FAILURE, value),
            reason), Optional.of(rule), List.of());
    }

    /** A rate the request asks for, in bytes per second; {@code label} is "R " for the RSpec rate, else "". */
    private record Asked(String label, double bytesPerSecond) {
    }

    /** The rates of a Resv flowspec that MaxRatePerFlow limits: TSpec r, and R for Guaranteed. */
    private static List<Asked> flowspecRates(Optional<Flowspec> f) {
        List<Asked> out = new ArrayList<>();
        f.ifPresent(fs -> {
            out.add(new Asked("", fs.tokenBucket().rate()));
            if (fs instanceof GuaranteedFlowspec g) {
                out.add(new Asked("R ", g.rate()));
            }
        });
        return out;
    }

    private static List<Asked> tspecRate(Optional<SenderTspec> t) {
        return t.map(s -> List.of(new Asked("", s.tokenBucket().rate()))).orElse(List.of());
    }

    /** The first rate above {@code maxBps} bits/s, as "128 kbit/s" or "R 128 kbit/s". */
    private static Optional<String> firstOver(List<Asked> rates, long maxBps) {
        for (Asked a : rates) {
            double bps = a.bytesPerSecond() * 8.0;
            if (bps > maxBps) {
                return Optional.of(a.label() + rate(Math.round(bps)));
            }
        }
        return Optional.empty();
    }

    private static TokenBucket capRate(TokenBucket t, float cap) {
        if (t.rate() <= cap) {
            return t;
        }
        return new TokenBucket(cap, t.bucketSize(), t.peakRate(), t.minPolicedUnit(), t.maxPacketSize());
    }

    private static Flowspec capRate(Flowspec f, float cap) {
        return switch (f) {
            case ControlledLoadFlowspec c -> new ControlledLoadFlowspec(capRate(c.tokenBucket(), cap));
            case GuaranteedFlowspec g -> new GuaranteedFlowspec(capRate(g.tokenBucket(), cap), Math.min(g.rate(), cap),
                g.slack());
        };
    }

    private static TokenBucket capBucket(TokenBucket t, long max) {
        if (t.bucketSize() <= max) {
            return t;
        }
        return new TokenBucket(t.rate(), max, t.peakRate(), t.minPolicedUnit(), t.maxPacketSize());
    }

    /** Bits per second as people read them: {@code 80 kbit/s}, {@code 1.5 Mbit/s}, {@code 500 bit/s}. */
    static String rate(long bps) {
        String s = LinkUnits.formatBitsPerSecond(bps);
        char last = s.charAt(s.length() - 1);
        return Character.isLetter(last) ? s.substring(0, s.length() - 1) + " " + last + "bit/s" : s + " bit/s";
    }

    private static String bytes(double b) {
        long v = new BigDecimal(b).setScale(0, java.math.RoundingMode.CEILING).longValueExact();
        return LinkUnits.formatBytes(v).replaceAll("([0-9.])([kMG]?B)$", "$1 $2").replace(" B", " bytes");
    }
}
