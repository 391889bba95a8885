package org.rsvpconsole.engine.tc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.rsvpconsole.engine.api.FlowRequest;
import org.rsvpconsole.engine.api.ServiceClass;
import org.rsvpconsole.engine.api.TrafficSpec;
import org.rsvpconsole.engine.codec.Adspec;

class IntServMathTest {

    private static final TrafficSpec A = new TrafficSpec(1000, 5000, 10_000, 64, 1000);
    private static final TrafficSpec B = new TrafficSpec(3000, 2000, 8000, 32, 1500);

    @Test
    void lubTakesTheLargerOfEachExceptTheMinimumPolicedUnit() {
        assertEquals(new TrafficSpec(3000, 5000, 10_000, 32, 1500), IntServMath.lub(A, B));
    }

    @Test
    void sumAddsRatesAndBucketsForSharedReservations() {
        assertEquals(new TrafficSpec(4000, 7000, 18_000, 32, 1500), IntServMath.sum(A, B));
    }

    @Test
    void guaranteedMergeIsLargestRateSmallestSlack() {
        FlowRequest x = FlowRequest.guaranteed(A, 5000, 100);
        FlowRequest y = FlowRequest.guaranteed(B, 4000, 20);
        FlowRequest m = IntServMath.merge(x, y);
        assertEquals(ServiceClass.GUARANTEED, m.service());
        assertEquals(5000, m.rate());
        assertEquals(20, m.slackMicros());
        assertEquals(IntServMath.lub(A, B), m.tspec());
        assertTrue(IntServMath.covers(m, x));
        assertTrue(IntServMath.covers(m, y));
        assertFalse(IntServMath.covers(x, y));
    }

    @Test
    void controlledLoadBandwidthIsTheTokenRateGuaranteedTheReservedRate() {
        assertEquals(1000, IntServMath.bandwidth(FlowRequest.controlledLoad(A)));
        assertEquals(5000, IntServMath.bandwidth(FlowRequest.guaranteed(A, 5000, 0)));
        // Guaranteed is the larger service when two services meet.
        assertEquals(ServiceClass.GUARANTEED, IntServMath.merge(FlowRequest.controlledLoad(B),
            FlowRequest.guaranteed(A, 5000, 0)).service());
    }

    @Test
    void delayBoundFollowsRfc2212() {
        // p > R >= r: (b-M)/R * (p-R)/(p-r) + (M+Ctot)/R + Dtot = 4000/2000 * 8000/9000 + 1000/2000 s.
        assertEquals((2.0 * 8000 / 9000 + 0.5) * 1e6, IntServMath.guaranteedDelayMicros(A, 2000, 0, 0), 1e-3);
        // R >= p: (M+Ctot)/R + Dtot.
        assertEquals(1e6 * (1000 + 500) / 20_000 + 70, IntServMath.guaranteedDelayMicros(A, 20_000, 500, 70), 1e-6);
        // R < r: unbounded.
        assertEquals(Double.POSITIVE_INFINITY, IntServMath.guaranteedDelayMicros(A, 999, 0, 0));
    }

    @Test
    void rateForDelayInvertsTheBound() {
        TrafficSpec t = TrafficSpec.of(100_000, 10_000);
        double r = IntServMath.rateForDelay(t, 4500, 3600, 40_000).orElseThrow();
        // Infinite peak: (b + Ctot)/R + Dtot = 40 ms gives R = 14,500 / 0.0364.
        assertEquals(14_500 / 0.0364, r, 1e-3);
        assertEquals(40_000, IntServMath.guaranteedDelayMicros(t, r, 4500, 3600), 1e-3);
        assertTrue(IntServMath.rateForDelay(t, 4500, 3600, 3600).isEmpty());
    }

    @Test
    void adspecCompositionPerHop() {
        PathCharacterization one = IntServMath.compose(PathCharacterization.INITIAL, 1_250_000, 1000, 1500, 1500,
            1200);
        PathCharacterization two = IntServMath.compose(one, 125_000, 5000, 9000, 1500, 12_000);
        assertEquals(2, two.hops());
        assertEquals(125_000f, two.bandwidth());
        assertEquals(6000, two.latencyMicros());
        assertEquals(1500, two.mtu());
        assertEquals(3000, two.ctot());
        assertEquals(13_200, two.dtot());
        assertEquals(3000, two.csum());
        // Through the wire object and back, with the break bit of a non-RSVP hop.
        Adspec wire = two.withBreak().toAdspec();
        assertEquals(two.withBreak(), PathCharacterization.of(wire));
        assertTrue(wire.fragments().stream().allMatch(f -> f.breakBit()));
    }
}
