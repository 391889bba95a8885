package org.rsvpconsole.engine.policy;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.rsvpconsole.engine.config.Names;
import org.rsvpconsole.engine.policy.PolicyRequest.Service;

/**
 * One service policy of the z/OS RSVP agent model (docs/policy.md): what traffic it is for, and the PolicyAction
 * limits applied to it. Every limit is optional; a policy without limits only marks (DSCP) or just stops the search
 * for a policy.
 *
 * @param name                  the name reasons and events cite
 * @param priority              higher is tried first; equal priorities in file order
 * @param match                 the traffic the policy is for
 * @param maxFlows              MaxFlows: the most RSVP flows (installed reservations) the node may hold when this
 *                              policy admits one more; a hard limit (refused: Policy Control Failure, quota)
 * @param maxRatePerFlow        MaxRatePerFlow, in bits per second: caps TSpec r and Guaranteed RSpec R
 * @param maxTokenBucketPerFlow MaxTokenBucketPerFlow, in bytes: caps TSpec b
 * @param flowServiceType       FlowServiceType: the highest service allowed (Guaranteed &gt; Controlled Load)
 * @param dscp                  OutgoingTOS as a DSCP (0..63) to mark the flow's packets with
 * @param overLimit             what happens to a request over a rate, bucket or service limit
 */
public record PolicyRule(String name, int priority, PolicyMatch match, OptionalInt maxFlows,
                         OptionalLong maxRatePerFlow, OptionalLong maxTokenBucketPerFlow,
                         Optional<Service> flowServiceType, OptionalInt dscp, OverLimit overLimit) {

    /** What a request over MaxRatePerFlow, MaxTokenBucketPerFlow or FlowServiceType gets. */
    public enum OverLimit {
        /** Lowered to the limit, as the z/OS RSVP agent does ("uses values in the service policy to limit"). */
        CAP,
        /** Refused with a Policy Control Failure naming the limit. */
        REFUSE;

        public String keyword() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static final Map<String, Integer> DSCP_NAMES = Map.ofEntries(
        Map.entry("be", 0), Map.entry("default", 0), Map.entry("ef", 46), Map.entry("va", 44),
        Map.entry("cs0", 0), Map.entry("cs1", 8), Map.entry("cs2", 16), Map.entry("cs3", 24), Map.entry("cs4", 32),
        Map.entry("cs5", 40), Map.entry("cs6", 48), Map.entry("cs7", 56),
        Map.entry("af11", 10), Map.entry("af12", 12), Map.entry("af13", 14),
        Map.entry("af21", 18), Map.entry("af22", 20), Map.entry("af23", 22),
        Map.entry("af31", 26), Map.entry("af32", 28), Map.entry("af33", 30),
        Map.entry("af41", 34), Map.entry("af42", 36), Map.entry("af43", 38));

    public PolicyRule {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(match, "match");
        Objects.requireNonNull(maxFlows, "maxFlows");
        Objects.requireNonNull(maxRatePerFlow, "maxRatePerFlow");
        Objects.requireNonNull(maxTokenBucketPerFlow, "maxTokenBucketPerFlow");
        Objects.requireNonNull(flowServiceType, "flowServiceType");
        Objects.requireNonNull(dscp, "dscp");
        Objects.requireNonNull(overLimit, "overLimit");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a policy needs a name");
        }
        maxFlows.ifPresent(v -> positive("MaxFlows", v, 0));
        maxRatePerFlow.ifPresent(v -> positive("MaxRatePerFlow", v, 1));
        maxTokenBucketPerFlow.ifPresent(v -> positive("MaxTokenBucketPerFlow", v, 1));
        if (flowServiceType.isPresent() && flowServiceType.get() == Service.NONE) {
            throw new IllegalArgumentException("FlowServiceType is guaranteed or controlled-load");
        }
        dscp.ifPresent(d -> {
            if (d < 0 || d > 63) {
                throw new IllegalArgumentException("DSCP " + d + " is out of range; a DSCP is 0 to 63");
            }
        });
    }

    private static void positive(String what, long v, long min) {
        if (v < min) {
            throw new IllegalArgumentException(what + " must be at least " + min + ": " + v);
        }
    }

    /** A policy with only a match; add limits with the {@code with...} methods (tests, programmatic set-up). */
    public static PolicyRule of(String name, PolicyMatch match) {
        return new PolicyRule(name, 0, match, OptionalInt.empty(), OptionalLong.empty(), OptionalLong.empty(),
            Optional.empty(), OptionalInt.empty(), OverLimit.CAP);
    }

    public PolicyRule withPriority(int p) {
        return new PolicyRule(name, p, match, maxFlows, maxRatePerFlow, maxTokenBucketPerFlow, flowServiceType,
            dscp, overLimit);
    }

    public PolicyRule withMaxFlows(int n) {
        return new PolicyRule(name, priority, match, OptionalInt.of(n), maxRatePerFlow, maxTokenBucketPerFlow,
            flowServiceType, dscp, overLimit);
    }

    public PolicyRule withMaxRatePerFlow(long bitsPerSecond) {
        return new PolicyRule(name, priority, match, maxFlows, OptionalLong.of(bitsPerSecond), maxTokenBucketPerFlow,
            flowServiceType, dscp, overLimit);
    }

    public PolicyRule withMaxTokenBucketPerFlow(long bytes) {
        return new PolicyRule(name, priority, match, maxFlows, maxRatePerFlow, OptionalLong.of(bytes),
            flowServiceType, dscp, overLimit);
    }

    public PolicyRule withFlowServiceType(Service s) {
        return new PolicyRule(name, priority, match, maxFlows, maxRatePerFlow, maxTokenBucketPerFlow,
            Optional.of(s), dscp, overLimit);
    }

    public PolicyRule withDscp(int d) {
        return new PolicyRule(name, priority, match, maxFlows, maxRatePerFlow, maxTokenBucketPerFlow,
            flowServiceType, OptionalInt.of(d), overLimit);
    }

    public PolicyRule withOverLimit(OverLimit o) {
        return new PolicyRule(name, priority, match, maxFlows, maxRatePerFlow, maxTokenBucketPerFlow,
            flowServiceType, dscp, o);
    }

    /** Parses a DSCP: a number 0..63 or a name ({@code EF}, {@code AF41}, {@code CS5}, {@code BE}). */
    public static int parseDscp(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        Integer named = DSCP_NAMES.get(t);
        if (named != null) {
            return named;
        }
        try {
            int v = t.startsWith("0x") ? Integer.parseInt(t.substring(2), 16) : Integer.parseInt(t);
            if (v >= 0 && v <= 63) {
                return v;
            }
            throw new IllegalArgumentException("DSCP " + text + " is out of range; a DSCP is 0 to 63 (for a whole TOS"
                + " byte use outgoing-tos)");
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a DSCP; write a number 0 to 63 or a name like"
                + " EF, AF41, CS5" + Names.didYouMean(t, DSCP_NAMES.keySet()));
        }
    }

    /**
     * Parses an OutgoingTOS byte ({@code 0xb8}, {@code 184}) into its DSCP, the upper six bits (RFC 2474 §3); the
     * two low bits are ECN (RFC 3168) and must be zero.
     */
    public static int parseTos(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        int v;
        try {
            v = t.startsWith("0x") ? Integer.parseInt(t.substring(2), 16) : Integer.parseInt(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a TOS byte; write it like 0xb8 or 184");
        }
        if (v < 0 || v > 255) {
            throw new IllegalArgumentException("TOS " + text + " is out of range; a TOS byte is 0 to 255 (0x00-0xff)");
        }
        if ((v & 3) != 0) {
            throw new IllegalArgumentException("TOS " + text + " sets the two ECN bits; the policy sets only the DSCP,"
                + " the upper six bits (e.g. 0xb8 for EF)");
        }
        return v >>> 2;
    }
}
