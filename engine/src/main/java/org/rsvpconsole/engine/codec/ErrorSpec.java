package org.rsvpconsole.engine.codec;

import java.util.Objects;
import org.rsvpconsole.engine.api.IpAddress;
import org.rsvpconsole.engine.api.Ipv4Address;

/**
 * RFC 2205 A.5 ERROR_SPEC (Class-Num 6), C-Type 1 (IPv4) and 2 (IPv6): the node that detected an error and the
 * error it reports (Appendix B). In a ResvConf it carries code 0 and the address of the confirming node.
 *
 * <pre>
 * +-------------+-------------+-------------+-------------+
 * |   IPv4 Error Node Address (4 bytes) or IPv6 (16)      |
 * +-------------+-------------+-------------+-------------+
 * |    Flags    |  Error Code |        Error Value        |
 * +-------------+-------------+-------------+-------------+
 * </pre>
 *
 * @param flags InPlace 0x01 (a reservation is in place and unchanged by the failure), NotGuilty 0x02 (the error
 *              was not caused by this receiver's request); other bits are kept as received
 */
public record ErrorSpec(IpAddress errorNode, int flags, int errorCode, int errorValue) implements RsvpObject {

    public static final int C_TYPE_IPV4 = 1;
    public static final int C_TYPE_IPV6 = 2;
    public static final int FLAG_IN_PLACE = 0x01;
    public static final int FLAG_NOT_GUILTY = 0x02;

    public ErrorSpec {
        Objects.requireNonNull(errorNode, "errorNode");
        if ((flags & ~0xff) != 0 || (errorCode & ~0xff) != 0 || (errorValue & ~0xffff) != 0) {
            throw new IllegalArgumentException("ERROR_SPEC flags and code are 8 bits, the value 16 bits: flags "
                + flags + ", code " + errorCode + ", value " + errorValue);
        }
    }

    /** An ERROR_SPEC reporting {@code error} from {@code errorNode} with no flags. */
    public static ErrorSpec of(IpAddress errorNode, RsvpError error) {
        return new ErrorSpec(errorNode, 0, error.code(), error.value());
    }

    @Override
    public int classNum() {
        return ObjectClass.ERROR_SPEC;
    }

    @Override
    public int cType() {
        return errorNode instanceof Ipv4Address ? C_TYPE_IPV4 : C_TYPE_IPV6;
    }

    public RsvpError error() {
        return new RsvpError(errorCode, errorValue);
    }

    public boolean inPlace() {
        return (flags & FLAG_IN_PLACE) != 0;
    }

    public boolean notGuilty() {
        return (flags & FLAG_NOT_GUILTY) != 0;
    }

    /** The Appendix B name of the error code. */
    public String errorCodeName() {
        return ErrorCodes.codeName(errorCode);
    }

    /** The name of the error value for its code, or "" where the value has no name. */
    public String errorValueName() {
        return ErrorCodes.valueName(errorCode, errorValue);
    }

    static ErrorSpec decodeIpv4(WireReader r) {
        return new ErrorSpec(r.ipv4(), r.u8(), r.u8(), r.u16());
    }

    static ErrorSpec decodeIpv6(WireReader r) {
        return new ErrorSpec(r.ipv6(), r.u8(), r.u8(), r.u16());
    }

    @Override
    public void encodeBody(WireWriter out) {
        out.ip(errorNode).u8(flags).u8(errorCode).u16(errorValue);
    }

    @Override
    public void describe(FieldVisitor v) {
        v.address("errorNode", errorNode);
        v.number("flags", flags);
        v.bool("inPlace", inPlace());
        v.bool("notGuilty", notGuilty());
        v.number("errorCode", errorCode);
        v.text("errorCodeName", errorCodeName());
        v.number("errorValue", errorValue);
        v.text("errorValueName", errorValueName());
    }
}
