package org.rsvpconsole.engine.codec;

import java.util.List;
import java.util.Optional;

/**
 * One per-service fragment of an ADSPEC (RFC 2210 §3.3): a service header and the parameters composed along the
 * path for that service.
 *
 * <pre>
 * +-------------+-------------+-------------+-------------+
 * |   service   |x| reserved  |  service data length (words)
 * +-------------+-------------+-------------+-------------+
 * |                 parameters (header + data each)       |
 * +-------------+-------------+-------------+-------------+
 * </pre>
 *
 * @param service  1 default general parameters, 2 Guaranteed, 5 Controlled-Load
 * @param breakBit the x flag (0x80): a hop on the path does not support this service (RFC 2210 §3.3.1)
 */
public record AdspecFragment(int service, boolean breakBit, List<IntServParameter> parameters) {

    public AdspecFragment {
        if ((service & ~0xff) != 0) {
            throw new IllegalArgumentException("service number is 8 bits: " + service);
        }
        parameters = ObjectList.immutable(parameters);
        long words = 0;
        for (IntServParameter p : parameters) {
            words += 1 + p.words();
        }
        if (words > 0xffff) {
            throw new IllegalArgumentException("fragment for service " + service + " of " + words
                + " words exceeds the 16-bit service data length");
        }
    }

    /** Service data length in words, as the service header carries it. */
    public int words() {
        int words = 0;
        for (IntServParameter p : parameters) {
            words += 1 + p.words();
        }
        return words;
    }

    /** The first parameter with this number, if any. */
    public Optional<IntServParameter> parameter(int id) {
        for (IntServParameter p : parameters) {
            if (p.id() == id) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    void write(WireWriter out) {
        out.u8(service).u8(breakBit ? IntServ.BREAK_BIT : 0).u16(words());
        for (IntServParameter p : parameters) {
            out.u8(p.id()).u8(p.flags()).u16(p.words()).octets(p.value());
        }
    }

    void describe(FieldVisitor v) {
        beginDescribe(v, service, breakBit);
        for (IntServParameter p : parameters) {
            p.describe(v);
        }
        endDescribe(v);
    }

    /** The fragment's fields up to its parameter list, which the caller fills and {@link #endDescribe} closes. */
    static void beginDescribe(FieldVisitor v, int service, boolean breakBit) {
        v.beginGroup(null);
        v.number("service", service);
        v.text("serviceName", IntServ.serviceName(service));
        v.bool("breakBit", breakBit);
        v.beginList("parameters");
    }

    static void endDescribe(FieldVisitor v) {
        v.endList();
        v.endGroup();
    }
}
