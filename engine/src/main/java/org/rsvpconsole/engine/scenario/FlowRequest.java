package org.rsvpconsole.engine.scenario;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import org.rsvpconsole.engine.codec.ControlledLoadFlowspec;
import org.rsvpconsole.engine.codec.Flowspec;
import org.rsvpconsole.engine.codec.GuaranteedFlowspec;
import org.rsvpconsole.engine.codec.TokenBucket;

/**
 * What a receiver reserves (RFC 2210 FLOWSPEC): the service, the token bucket to reserve for, and for Guaranteed
 * service (RFC 2212) the rate R and slack S. Parts left out are taken, when the reservation is made, from the
 * senders' TSpec as the receiver learnt it from Path: the token bucket, and R = r.
 *
 * @param service     the IntServ service
 * @param tspec       the token bucket; empty: the senders' TSpec
 * @param rate        Guaranteed R in bytes per second; empty: the token bucket's r
 * @param slackMicros Guaranteed S in microseconds (0 for Controlled-Load)
 */
public record FlowRequest(Service service, Optional<TokenBucket> tspec, OptionalDouble rate, long slackMicros) {

    /** The IntServ service a reservation asks for. */
    public enum Service {
        /** RFC 2211. */
        CONTROLLED_LOAD("controlled-load"),
        /** RFC 2212. */
        GUARANTEED("guaranteed");

        private final String keyword;

        Service(String keyword) {
            this.keyword = keyword;
        }

        public String keyword() {
            return keyword;
        }
    }

    public FlowRequest {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(tspec, "tspec");
        Objects.requireNonNull(rate, "rate");
        if (service == Service.CONTROLLED_LOAD && (rate.isPresent() || slackMicros != 0)) {
            throw new IllegalArgumentException("R and slack belong to guaranteed service; controlled-load reserves"
                + " the token bucket only");
        }
        if (slackMicros < 0 || slackMicros > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("slack must be 0 to 4294967295 us: " + slackMicros);
        }
        if (rate.isPresent() && !(rate.getAsDouble() >= 0 && rate.getAsDouble() < Float.MAX_VALUE)) {
            throw new IllegalArgumentException("R must be a finite non-negative rate: " + rate.getAsDouble());
        }
    }

    /** Controlled-Load for the senders' TSpec. */
    public static FlowRequest controlledLoad() {
        return new FlowRequest(Service.CONTROLLED_LOAD, Optional.empty(), OptionalDouble.empty(), 0);
    }

    /** The FLOWSPEC to send, given the senders' TSpec (used where this request leaves the token bucket out). */
    public Flowspec toFlowspec(TokenBucket sendersTspec) {
        TokenBucket t = tspec.orElse(sendersTspec);
        return switch (service) {
            case CONTROLLED_LOAD -> new ControlledLoadFlowspec(t);
            case GUARANTEED -> new GuaranteedFlowspec(t, (float) rate.orElse(t.rate()), (int) slackMicros);
        };
    }
}
