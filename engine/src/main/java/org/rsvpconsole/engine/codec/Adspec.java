package org.rsvpconsole.engine.codec;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * RFC 2210 §3.3 ADSPEC (Class-Num 13), C-Type 2: what the path offers, composed hop by hop in Path messages, as
 * per-service fragments. Kept generically (every fragment and parameter as received, so it re-encodes byte for
 * byte); the well-known values read through the typed accessors.
 *
 * <pre>
 * +-------------+-------------+-------------+-------------+
 * | 0 (version) |  reserved   |  overall length (words)   |
 * +-------------+-------------+-------------+-------------+
 * | default general parameters fragment (service 1)       |
 * |   4 IS hop count, 6 path bandwidth, 8 min latency,    |
 * |   10 composed MTU: header + 1 word each               |
 * +-------------+-------------+-------------+-------------+
 * | Guaranteed fragment (service 2): 133 Ctot, 134 Dtot,  |
 * |   135 Csum, 136 Dsum [+ overrides of 4, 6, 8, 10]     |
 * +-------------+-------------+-------------+-------------+
 * | Controlled-Load fragment (service 5) [+ overrides]    |
 * +-------------+-------------+-------------+-------------+
 * </pre>
 */
public record Adspec(List<AdspecFragment> fragments) implements RsvpObject {

    public static final int C_TYPE = 2;

    public Adspec {
        // A decoded body (AdspecWire) was checked against its object's length already and stays unparsed.
        if (!(fragments instanceof AdspecWire)) {
            fragments = ObjectList.immutable(fragments);
            checkSize(fragments);
        }
    }

    private static void checkSize(List<AdspecFragment> fragments) {
        long words = 0;
        for (AdspecFragment f : fragments) {
            words += 1 + f.words();
        }
        // The object length (16 bits, bytes) bounds the body: object header + message header + fragments.
        if (8 + words * 4 > 0xffff) {
            throw new IllegalArgumentException("ADSPEC of " + words + " words does not fit in an RSVP object");
        }
    }

    /**
     * The usual ADSPEC: the default general parameters, a Guaranteed fragment with its four error terms and an
     * empty Controlled-Load fragment, no break bits (RFC 2210 §3.3; 84 bytes with the object header).
     */
    public static Adspec standard(long isHopCount, float pathBandwidth, long minPathLatency, long composedMtu,
                                  long ctot, long dtot, long csum, long dsum) {
        return new Adspec(List.of(
            new AdspecFragment(IntServ.SERVICE_GENERAL, false, List.of(
                IntServParameter.u32(IntServ.PARAM_NUMBER_OF_IS_HOPS, isHopCount),
                IntServParameter.f32(IntServ.PARAM_AVAILABLE_PATH_BANDWIDTH, pathBandwidth),
                IntServParameter.u32(IntServ.PARAM_MINIMUM_PATH_LATENCY, minPathLatency),
                IntServParameter.u32(IntServ.PARAM_PATH_MTU, composedMtu))),
            new AdspecFragment(IntServ.SERVICE_GUARANTEED, false, List.of(
                IntServParameter.u32(IntServ.PARAM_CTOT, ctot),
                IntServParameter.u32(IntServ.PARAM_DTOT, dtot),
                IntServParameter.u32(IntServ.PARAM_CSUM, csum),
                IntServParameter.u32(IntServ.PARAM_DSUM, dsum))),
            new AdspecFragment(IntServ.SERVICE_CONTROLLED_LOAD, false, List.of())));
    }

    @Override
    public int classNum() {
        return ObjectClass.ADSPEC;
    }

    @Override
    public int cType() {
        return C_TYPE;
    }

    /** The first fragment for a service, if present. */
    public Optional<AdspecFragment> fragment(int service) {
        for (AdspecFragment f : fragments) {
            if (f.service() == service) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** NUMBER_OF_IS_HOPS from the default general parameters. */
    public OptionalLong isHopCount() {
        return general(IntServ.PARAM_NUMBER_OF_IS_HOPS);
    }

    /** AVAILABLE_PATH_BANDWIDTH (bytes per second) from the default general parameters. */
    public Optional<Float> pathBandwidth() {
        if (fragments instanceof AdspecWire w) {
            long v = w.word(IntServ.SERVICE_GENERAL, IntServ.PARAM_AVAILABLE_PATH_BANDWIDTH);
            return v < 0 ? Optional.empty() : Optional.of(Float.intBitsToFloat((int) v));
        }
        return fragment(IntServ.SERVICE_GENERAL).flatMap(f -> f.parameter(IntServ.PARAM_AVAILABLE_PATH_BANDWIDTH))
            .flatMap(IntServParameter::f32);
    }

    /** MINIMUM_PATH_LATENCY (microseconds; {@link IntServ#LATENCY_INDETERMINATE} when unknown). */
    public OptionalLong minPathLatency() {
        return general(IntServ.PARAM_MINIMUM_PATH_LATENCY);
    }

    /** PATH_MTU (bytes) from the default general parameters. */
    public OptionalLong composedMtu() {
        return general(IntServ.PARAM_PATH_MTU);
    }

    /** Guaranteed service Ctot (bytes). */
    public OptionalLong ctot() {
        return guaranteed(IntServ.PARAM_CTOT);
    }

    /** Guaranteed service Dtot (microseconds). */
    public OptionalLong dtot() {
        return guaranteed(IntServ.PARAM_DTOT);
    }

    /** Guaranteed service Csum (bytes since the last reshaping point). */
    public OptionalLong csum() {
        return guaranteed(IntServ.PARAM_CSUM);
    }

    /** Guaranteed service Dsum (microseconds since the last reshaping point). */
    public OptionalLong dsum() {
        return guaranteed(IntServ.PARAM_DSUM);
    }

    private OptionalLong general(int id) {
        return u32(IntServ.SERVICE_GENERAL, id);
    }

    private OptionalLong guaranteed(int id) {
        return u32(IntServ.SERVICE_GUARANTEED, id);
    }

    private OptionalLong u32(int service, int id) {
        if (fragments instanceof AdspecWire w) {
            long v = w.word(service, id);
            return v < 0 ? OptionalLong.empty() : OptionalLong.of(v);
        }
        Optional<IntServParameter> p = fragment(service).flatMap(f -> f.parameter(id));
        return p.isPresent() ? p.get().u32() : OptionalLong.empty();
    }

    /**
     * Checks the fragments' layout in one pass over the body and keeps the bytes as they are (see
     * {@link AdspecWire}): a received ADSPEC costs one copy of its body, not a record per fragment and parameter.
     */
    static Adspec decode(WireReader r) {
        IntServ.readHeader(r);
        int base = r.offset();
        Octets body = r.rest();
        return new Adspec(new AdspecWire(body, AdspecWire.check(r, base, body)));
    }

    @Override
    public void encodeBody(WireWriter out) {
        if (fragments instanceof AdspecWire w) {
            IntServ.writeHeader(out, w.words());
            w.write(out);
            return;
        }
        int words = 0;
        for (AdspecFragment f : fragments) {
            words += 1 + f.words();
        }
        IntServ.writeHeader(out, words);
        for (AdspecFragment f : fragments) {
            f.write(out);
        }
    }

    @Override
    public void describe(FieldVisitor v) {
        v.number("version", 0);
        v.beginList("fragments");
        if (fragments instanceof AdspecWire w) {
            w.describe(v);
            v.endList();
            return;
        }
        for (AdspecFragment f : fragments) {
            f.describe(v);
        }
        v.endList();
    }
}
