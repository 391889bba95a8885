package org.rsvpconsole.engine.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The refresh-reduction benchmark's code runs at a small size; the figures are in docs/BENCHMARKS.md. */
class RefreshReductionBenchmarkTest {

    @Test
    void refreshReductionCutsTheSteadyRateOnALink() {
        RefreshReductionBenchmark.Result plain = RefreshReductionBenchmark.run(600, 120, false);
        RefreshReductionBenchmark.Result rr = RefreshReductionBenchmark.run(600, 120, true);
        assertEquals(600, plain.establishedAtR2());
        assertEquals(600, rr.establishedAtR2());
        // RFC 2205: a Path one way and a Resv the other per session every R = 30 s on average: 40 msg/s.
        assertTrue(plain.perSecond() > 0.8 * 40 && plain.perSecond() < 1.2 * 40, "plain: " + plain.perSecond());
        // RFC 2961: the same refreshes as identifiers, at most one Srefresh per direction per 2 s hold.
        assertTrue(rr.perSecond() <= 1.0, "with refresh reduction: " + rr.perSecond());
    }
}
