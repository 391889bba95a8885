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
        fragments = ObjectList.immutable(fragments);
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
        Optional<IntServParameter> p = fragment(service).flatMap(f -> f.parameter(id));
        return p.isPresent() ? p.get().u32() : OptionalLong.empty();
    }

    static Adspec decode(WireReader r) {
        IntServ.readHeader(r);
        AdspecFragment[] fragments = new AdspecFragment[4];
        int count = 0;
        while (r.hasRemaining()) {
            int at = r.offset();
            int service = r.u8();
            int flags = r.u8();
            int words = r.u16();
            if (!IntServ.fits(r, words)) {
                throw IntServ.doesNotFit(r, at, words,
                    IntServ.serviceName(service) + " fragment's service data length");
            }
            if ((flags & ~IntServ.BREAK_BIT) != 0) {
                throw IntServ.trafficControl(at, IntServ.TC_BAD_ADSPEC, r.what() + ": reserved flags "
                    + (flags & ~IntServ.BREAK_BIT) + " set in the " + IntServ.serviceName(service)
                    + " fragment header (only the break bit 0x80 is defined, RFC 2210 §3.3)");
            }
            WireReader body = r.slice(words * 4);
            IntServParameter[] params = new IntServParameter[countParameters(body)];
            int n = 0;
            while (body.hasRemaining()) {
                int pat = body.offset();
                int id = body.u8();
                int pflags = body.u8();
                int plen = body.u16();
                if (!IntServ.fits(body, plen)) {
                    throw IntServ.doesNotFit(body, pat, plen, "length of parameter " + id + " in the "
                        + IntServ.serviceName(service) + " fragment");
                }
                params[n++] = new IntServParameter(id, pflags, body.octets(plen * 4));
            }
            if (count == fragments.length) {
                fragments = java.util.Arrays.copyOf(fragments, count * 2);
            }
            fragments[count++] = new AdspecFragment(service, (flags & IntServ.BREAK_BIT) != 0,
                new ObjectList<>(n == params.length ? params : java.util.Arrays.copyOf(params, n)));
        }
        return new Adspec(new ObjectList<>(count == fragments.length ? fragments
            : java.util.Arrays.copyOf(fragments, count)));
    }

    /** How many parameter headers the fragment body holds (a look-ahead so the decoded list is sized exactly). */
    private static int countParameters(WireReader body) {
        int count = 0;
        int ahead = 0;
        int left = body.remaining();
        while (ahead + 4 <= left) {
            int words = (body.peekU8(ahead + 2) << 8) | body.peekU8(ahead + 3);
            ahead += 4 + words * 4;
            count++;
        }
        return count;
    }

    @Override
    public void encodeBody(WireWriter out) {
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
        for (AdspecFragment f : fragments) {
            f.describe(v);
        }
        v.endList();
    }
}
