package org.rsvpconsole.engine.tc;

import java.util.List;
import java.util.OptionalDouble;
import org.rsvpconsole.engine.api.FlowRequest;
import org.rsvpconsole.engine.api.ServiceClass;
import org.rsvpconsole.engine.api.TrafficSpec;
import org.rsvpconsole.engine.codec.ControlledLoadFlowspec;
import org.rsvpconsole.engine.codec.Flowspec;
import org.rsvpconsole.engine.codec.GuaranteedFlowspec;
import org.rsvpconsole.engine.codec.SenderTspec;
import org.rsvpconsole.engine.codec.TokenBucket;

/**
 * The IntServ arithmetic a node needs: bandwidth of a flowspec, merging (least upper bound), summing TSpecs,
 * the Guaranteed delay bound and ADSPEC composition per hop. Pure functions on api values.
 */
public final class IntServMath {

    private IntServMath() {
    }

    /** Bandwidth a request takes on a link, bytes/s: r for Controlled Load (RFC 2211 §5), R for Guaranteed. */
    public static double bandwidth(FlowRequest f) {
        return f.bandwidth();
    }

    /** The least upper bound of two token buckets (RFC 2211 §10, RFC 2215): max r, b, p, M; min m. */
    public static TrafficSpec lub(TrafficSpec a, TrafficSpec b) {
        return new TrafficSpec(Math.max(a.rate(), b.rate()), Math.max(a.bucket(), b.bucket()),
            Math.max(a.peak(), b.peak()), Math.min(a.minPoliced(), b.minPoliced()),
            Math.max(a.maxPacket(), b.maxPacket()));
    }

    /**
     * Merges two flowspecs of the same service into the one that satisfies both (RFC 2205 §2.2 "largest";
     * RFC 2212 §11: max R, min S, LUB of the TSpecs). Across services Guaranteed is larger than Controlled Load.
     */
    public static FlowRequest merge(FlowRequest a, FlowRequest b) {
        if (a.service() != b.service()) {
            return a.service() == ServiceClass.GUARANTEED ? a : b;
        }
        TrafficSpec t = lub(a.tspec(), b.tspec());
        if (a.service() == ServiceClass.GUARANTEED) {
            return FlowRequest.guaranteed(t, Math.max(a.rate(), b.rate()), Math.min(a.slackMicros(), b.slackMicros()));
        }
        return FlowRequest.controlledLoad(t);
    }

    /** The merge of all requests; null for none. */
    public static FlowRequest mergeAll(List<FlowRequest> requests) {
        FlowRequest m = null;
        for (FlowRequest f : requests) {
            m = m == null ? f : merge(m, f);
        }
        return m;
    }

    /** True if {@code a} asks for at least as much as {@code b} in every parameter (RFC 2205 §3.1.4 "≥"). */
    public static boolean covers(FlowRequest a, FlowRequest b) {
        return merge(a, b).equals(a);
    }

    /** The sum of TSpecs (RFC 2212 §11 / RFC 2211: r, b, p add; m min; M max), for shared reservations. */
    public static TrafficSpec sum(TrafficSpec a, TrafficSpec b) {
        return new TrafficSpec(a.rate() + b.rate(), a.bucket() + b.bucket(), a.peak() + b.peak(),
            Math.min(a.minPoliced(), b.minPoliced()), Math.max(a.maxPacket(), b.maxPacket()));
    }

    /**
     * The Guaranteed queueing delay bound in microseconds (RFC 2212 §"Policing" / end-to-end bound):
     * (b−M)/R·(p−R)/(p−r) + (M+Ctot)/R + Dtot for p &gt; R ≥ r, and (M+Ctot)/R + Dtot for R ≥ p. Infinite
     * when R &lt; r (the queue grows without bound).
     *
     * @param ctot bytes, {@code dtot} microseconds, {@code rate} R in bytes/s
     */
    public static double guaranteedDelayMicros(TrafficSpec t, double rate, long ctot, long dtot) {
        if (rate < t.rate() || rate <= 0) {
            return Double.POSITIVE_INFINITY;
        }
        double m = t.maxPacket();
        double seconds;
        if (t.peak() > rate) {
            double burst = t.peak() == Double.POSITIVE_INFINITY ? (t.bucket() - m) / rate
                : (t.bucket() - m) / rate * (t.peak() - rate) / (t.peak() - t.rate());
            seconds = burst + (m + ctot) / rate;
        } else {
            seconds = (m + ctot) / rate;
        }
        return seconds * 1e6 + dtot;
    }

    /**
     * The smallest Guaranteed rate R (bytes/s, at least r) whose delay bound meets {@code targetMicros} on a path
     * with error terms {@code ctot}, {@code dtot} (RFC 2212 §"Exported information", receiver side); empty when no
     * rate can, because Dtot alone already reaches the target.
     */
    public static OptionalDouble rateForDelay(TrafficSpec t, long ctot, long dtot, double targetMicros) {
        if (targetMicros <= dtot) {
            return OptionalDouble.empty();
        }
        double lo = Math.max(t.rate(), 1e-9);
        if (guaranteedDelayMicros(t, lo, ctot, dtot) <= targetMicros) {
            return OptionalDouble.of(lo);
        }
        double hi = lo * 2;
        while (guaranteedDelayMicros(t, hi, ctot, dtot) > targetMicros) {
            hi *= 2;
            if (hi > 1e15) {
                return OptionalDouble.empty();
            }
        }
        // The bound falls monotonically with R: bisect to a relative precision of 1e-9.
        for (int i = 0; i < 200 && hi - lo > hi * 1e-9; i++) {
            double mid = (lo + hi) / 2;
            if (guaranteedDelayMicros(t, mid, ctot, dtot) <= targetMicros) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return OptionalDouble.of(hi);
    }

    /**
     * The ADSPEC a node sends on an outgoing link (RFC 2210 §3.3, RFC 2215 §3, RFC 2212 §6): one more IS hop,
     * the minimum of path and link bandwidth, the link's latency added, the minimum MTU, and this node's error
     * terms C (bytes) and D (microseconds) added to the totals and sums.
     */
    public static PathCharacterization compose(PathCharacterization in, double linkBytesPerSecond,
                                                long linkLatencyMicros, long linkMtu, long c, long d) {
        return new PathCharacterization(in.hops() + 1, (float) Math.min(in.bandwidth(), linkBytesPerSecond),
            in.latencyMicros() + linkLatencyMicros, Math.min(in.mtu(), linkMtu), in.ctot() + c, in.dtot() + d,
            in.csum() + c, in.dsum() + d, in.generalBreak());
    }

    /** The api TSpec of a wire SENDER_TSPEC. */
    public static TrafficSpec tspec(SenderTspec t) {
        return tspec(t.tokenBucket());
    }

    /** The api TSpec of a wire token bucket. */
    public static TrafficSpec tspec(TokenBucket b) {
        return new TrafficSpec(b.rate(), b.bucketSize(), Math.max(b.peakRate(), b.rate()), b.minPolicedUnit(),
            Math.max(b.maxPacketSize(), b.minPolicedUnit()));
    }

    /** The wire token bucket of an api TSpec (floats on the wire, RFC 2210 §3.1). */
    public static TokenBucket bucket(TrafficSpec t) {
        return new TokenBucket((float) t.rate(), (float) t.bucket(), (float) t.peak(), t.minPoliced(), t.maxPacket());
    }

    /** The wire SENDER_TSPEC of an api TSpec. */
    public static SenderTspec senderTspec(TrafficSpec t) {
        return new SenderTspec(bucket(t));
    }

    /** The wire FLOWSPEC of a request. */
    public static Flowspec flowspec(FlowRequest f) {
        return f.service() == ServiceClass.GUARANTEED
            ? new GuaranteedFlowspec(bucket(f.tspec()), (float) f.rate(), (int) f.slackMicros())
            : new ControlledLoadFlowspec(bucket(f.tspec()));
    }

    /** The request a wire FLOWSPEC carries. */
    public static FlowRequest request(Flowspec f) {
        return switch (f) {
            case ControlledLoadFlowspec c -> FlowRequest.controlledLoad(tspec(c.tokenBucket()));
            case GuaranteedFlowspec g -> FlowRequest.guaranteed(tspec(g.tokenBucket()), g.rate(), g.slackUnsigned());
        };
    }
}
