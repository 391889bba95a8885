package org.rsvpconsole.engine.tc;

import java.util.List;
import org.rsvpconsole.engine.codec.Adspec;
import org.rsvpconsole.engine.codec.AdspecFragment;
import org.rsvpconsole.engine.codec.IntServ;
import org.rsvpconsole.engine.codec.IntServParameter;

/**
 * The values an ADSPEC composes along a path (RFC 2210 §3.3, RFC 2215 §3, RFC 2212 §6), in a compact form that a
 * node can update per hop and turn back into the wire object.
 *
 * @param hops           NUMBER_OF_IS_HOPS
 * @param bandwidth      AVAILABLE_PATH_BANDWIDTH, bytes/s (the minimum along the path)
 * @param latencyMicros  MINIMUM_PATH_LATENCY, microseconds (summed)
 * @param mtu            PATH_MTU, bytes (the minimum)
 * @param ctot           Guaranteed Ctot, bytes
 * @param dtot           Guaranteed Dtot, microseconds
 * @param csum           Guaranteed Csum (since the last reshaping point), bytes
 * @param dsum           Guaranteed Dsum, microseconds
 * @param generalBreak   the break bit of the general fragment: a hop did not run IntServ/RSVP (RFC 2210 §3.3.1)
 */
public record PathCharacterization(long hops, float bandwidth, long latencyMicros, long mtu, long ctot, long dtot,
                                   long csum, long dsum, boolean generalBreak) {

    /** What a sender starts with (RFC 2210 §3.3.2): nothing composed yet, no bandwidth limit. */
    public static final PathCharacterization INITIAL =
        new PathCharacterization(0, Float.POSITIVE_INFINITY, 0, 65535, 0, 0, 0, 0, false);

    private static final long U32 = 0xffffffffL;

    /** Reads the values from a received ADSPEC; missing parameters take their initial values. */
    public static PathCharacterization of(Adspec a) {
        boolean brk = a.fragment(IntServ.SERVICE_GENERAL).map(AdspecFragment::breakBit).orElse(false);
        return new PathCharacterization(a.isHopCount().orElse(0), a.pathBandwidth().orElse(Float.POSITIVE_INFINITY),
            a.minPathLatency().orElse(0), a.composedMtu().orElse(65535), a.ctot().orElse(0), a.dtot().orElse(0),
            a.csum().orElse(0), a.dsum().orElse(0), brk);
    }

    /** The ADSPEC with these values: general, Guaranteed and Controlled-Load fragments, break bits as set. */
    public Adspec toAdspec() {
        return new Adspec(List.of(
            new AdspecFragment(IntServ.SERVICE_GENERAL, generalBreak, List.of(
                IntServParameter.u32(IntServ.PARAM_NUMBER_OF_IS_HOPS, Math.min(hops, U32)),
                IntServParameter.f32(IntServ.PARAM_AVAILABLE_PATH_BANDWIDTH, bandwidth),
                IntServParameter.u32(IntServ.PARAM_MINIMUM_PATH_LATENCY, Math.min(latencyMicros, U32)),
                IntServParameter.u32(IntServ.PARAM_PATH_MTU, Math.min(mtu, U32)))),
            new AdspecFragment(IntServ.SERVICE_GUARANTEED, generalBreak, List.of(
                IntServParameter.u32(IntServ.PARAM_CTOT, Math.min(ctot, U32)),
                IntServParameter.u32(IntServ.PARAM_DTOT, Math.min(dtot, U32)),
                IntServParameter.u32(IntServ.PARAM_CSUM, Math.min(csum, U32)),
                IntServParameter.u32(IntServ.PARAM_DSUM, Math.min(dsum, U32)))),
            new AdspecFragment(IntServ.SERVICE_CONTROLLED_LOAD, generalBreak, List.of())));
    }

    /** These values with every break bit set: a non-RSVP hop was crossed (RFC 2210 §3.3.1, RFC 2205 §2.9). */
    public PathCharacterization withBreak() {
        return new PathCharacterization(hops, bandwidth, latencyMicros, mtu, ctot, dtot, csum, dsum, true);
    }
}
