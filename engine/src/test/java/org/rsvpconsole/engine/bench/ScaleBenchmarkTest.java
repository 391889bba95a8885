package org.rsvpconsole.engine.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The scale benchmark's code runs, at a small size, and sets every session up on every hop. */
class ScaleBenchmarkTest {

    @Test
    void aThousandSessionsAreEstablishedAcrossTenRouters() throws Exception {
        ScaleBenchmark.Result r = ScaleBenchmark.run(1_000, 10, 60_000_000_000L);
        assertTrue(r.allEstablished(), r.establishedDetail());
        // Two refreshes (Path, Resv) per session per hop every R = 30 s on average (RFC 2205 §3.7), 11 hops.
        double expected = 1_000 * 11 * 2 / 30.0;
        assertTrue(r.refreshPerVirtualSecond() > 0.8 * expected && r.refreshPerVirtualSecond() < 1.2 * expected,
            "refreshes per virtual second: " + r.refreshPerVirtualSecond() + ", expected about " + expected);
        // In steady state (after one refresh round) every refresh repeats the last message and is recognised
        // without decoding (decision 0014); a few are in flight at the window's edges.
        assertTrue(r.steadyUnchanged() > 0.97 * r.steadyMessages(), r.steadyUnchanged() + " of "
            + r.steadyMessages() + " refreshes recognised as unchanged");
    }
}
