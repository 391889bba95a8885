package org.rsvpconsole.engine.codec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Decodes RSVP messages (RFC 2205 §3.1) into values. One instance is reused by one thread (a node's event loop):
 * it keeps one {@link WireReader}, so decoding a valid message allocates nothing but the
 * resulting values. {@link RsvpCodec#decode} is the stateless convenience.
 *
 * <p>Never throws on input bytes: every fault becomes a {@link DecodeResult.Malformed} with the byte offset and the
 * error a node would answer with, and every read is bounded by the lengths the sender declared.
 */
public final class RsvpDecoder {

    private static final int OBJECT_HEADER = 4;

    private final WireReader reader = new WireReader(new byte[0], 0, 0, 0, null);
    /** After a fault: the objects of the failing message decoded before it. */
    private List<RsvpObject> partial = List.of();

    /** Decodes the message at {@code off}; bytes past its declared length (e.g. link padding) are ignored. */
    public DecodeResult decode(byte[] buf, int off, int len) {
        CommonHeader header = CommonHeader.read(buf, off, len);
        if (header == null) {
            return new DecodeResult.Malformed(null, discardError(0, ErrorCodes.SYS_BAD_LENGTH,
                "only " + len + " byte(s): an RSVP common header needs 8"), List.of(), List.of());
        }
        DecodeError headerError = checkHeader(header, len, 0);
        if (headerError != null) {
            return new DecodeResult.Malformed(header, headerError, List.of(), List.of());
        }
        MessageType type = MessageType.fromNumber(header.messageType());
        if (type == MessageType.BUNDLE) {
            return decodeBundle(buf, off, header);
        }
        try {
            return new DecodeResult.Decoded(header, decodeObjects(buf, off, off, header, type));
        } catch (MalformedInput e) {
            return new DecodeResult.Malformed(header, e.error, partial(), List.of());
        }
    }

    public DecodeResult decode(byte[] buf) {
        return decode(buf, 0, buf.length);
    }

    static DecodeError discardError(int offset, int sysValue, String reason) {
        return new DecodeError(new RsvpError(ErrorCodes.RSVP_SYSTEM_ERROR, sysValue), offset, reason,
            DecodeError.Reaction.DISCARD);
    }

    /** Header checks in RFC 2205 §3.1.1 order; {@code base} is the header's offset within the outer message. */
    private static DecodeError checkHeader(CommonHeader h, int available, int base) {
        if (h.version() != RsvpMessage.VERSION) {
            return discardError(base, ErrorCodes.SYS_BAD_VERSION,
                "RSVP version " + h.version() + " is not supported (only version 1 exists)");
        }
        if (h.length() < CommonHeader.SIZE || h.length() % 4 != 0) {
            return discardError(base + 6, ErrorCodes.SYS_BAD_LENGTH,
                "RSVP length " + h.length() + " is invalid: it must be at least 8 and a multiple of 4");
        }
        if (h.length() > available) {
            return discardError(base + 6, ErrorCodes.SYS_BAD_LENGTH,
                "RSVP length says " + h.length() + " bytes but only " + available + " arrived (truncated message)");
        }
        if (!h.checksumOk()) {
            return discardError(base + 2, ErrorCodes.SYS_BAD_CHECKSUM,
                String.format("bad checksum 0x%04x", h.checksum()));
        }
        if (MessageType.fromNumber(h.messageType()) == null) {
            return discardError(base + 1, ErrorCodes.SYS_UNKNOWN_MESSAGE_TYPE,
                "unknown message type " + h.messageType());
        }
        return null;
    }

    private List<RsvpObject> partial() {
        return partial;
    }

    /**
     * How many objects the message's length fields describe between {@code pos} and {@code end}, counting a
     * faulty header as one (the decode loop reports it). The result array is then allocated young and exactly
     * sized: storing into a long-lived scratch array costs a GC write barrier per object, and a copy at the end.
     */
    private static int countObjects(byte[] buf, int pos, int end) {
        int count = 0;
        while (pos < end) {
            count++;
            int objLen = end - pos < OBJECT_HEADER ? 0 : ((buf[pos] & 0xff) << 8) | (buf[pos + 1] & 0xff);
            if (objLen < OBJECT_HEADER) {
                break;
            }
            pos += objLen;
        }
        return count;
    }

    /**
     * Decodes the objects of one non-Bundle message at {@code at}; {@code origin} is where offsets count from
     * (the outer Bundle for a sub-message). On a fault the objects decoded so far stay in {@link #partial()}.
     */
    private ObjectMessage decodeObjects(byte[] buf, int origin, int at, CommonHeader h, MessageType type) {
        int end = at + h.length();
        int pos = at + CommonHeader.SIZE;
        RsvpObject[] objects = new RsvpObject[countObjects(buf, pos, end)];
        try {
            fillObjects(buf, origin, pos, end, type, objects);
        } catch (MalformedInput e) {
            int n = 0;
            while (n < objects.length && objects[n] != null) {
                n++;
            }
            partial = n == 0 ? List.of() : List.of(Arrays.copyOf(objects, n));
            throw e;
        }
        return new ObjectMessage(type, h.flags(), h.sendTtl(), new ObjectList<>(objects));
    }

    /** Fills {@code objects} with the objects between {@code pos} and {@code end}, then checks the mandatory ones. */
    private void fillObjects(byte[] buf, int origin, int pos, int end, MessageType type, RsvpObject[] objects) {
        int count = 0;
        long seen0 = 0;
        long seen1 = 0;
        long seen2 = 0;
        long seen3 = 0;
        while (pos < end) {
            if (end - pos < OBJECT_HEADER) {
                throw new MalformedInput(discardError(pos - origin, ErrorCodes.SYS_BAD_OBJECT_LENGTH,
                    (end - pos) + " byte(s) left at the end of the message: too few for an object header"));
            }
            int objLen = ((buf[pos] & 0xff) << 8) | (buf[pos + 1] & 0xff);
            int classNum = buf[pos + 2] & 0xff;
            int cType = buf[pos + 3] & 0xff;
            if (objLen < OBJECT_HEADER || objLen % 4 != 0 || objLen > end - pos) {
                throw new MalformedInput(discardError(pos - origin, ErrorCodes.SYS_BAD_OBJECT_LENGTH,
                    ObjectClass.name(classNum) + " object (class " + classNum + ", C-Type " + cType
                        + ") declares length " + objLen + ": it must be at least 4, a multiple of 4 and fit in the "
                        + (end - pos) + " byte(s) left"));
            }
            objects[count++] = decodeObject(buf, origin, pos, objLen, classNum, cType, type);
            switch (classNum >>> 6) {
                case 0 -> seen0 |= 1L << classNum;
                case 1 -> seen1 |= 1L << classNum;
                case 2 -> seen2 |= 1L << classNum;
                default -> seen3 |= 1L << classNum;
            }
            pos += objLen;
        }
        for (int required : type.mandatoryClasses()) {
            long seen = switch (required >>> 6) {
                case 0 -> seen0;
                case 1 -> seen1;
                case 2 -> seen2;
                default -> seen3;
            };
            if ((seen & (1L << required)) == 0) {
                throw new MalformedInput(new DecodeError(
                    new RsvpError(ErrorCodes.RSVP_SYSTEM_ERROR, ErrorCodes.SYS_MISSING_OBJECT), end - origin,
                    type.displayName() + " message has no " + ObjectClass.name(required)
                        + " object, which it must carry", DecodeError.Reaction.SEND_ERROR));
            }
        }
    }

    private RsvpObject decodeObject(byte[] buf, int origin, int pos, int objLen, int classNum, int cType,
                                    MessageType type) {
        int bodyStart = pos + OBJECT_HEADER;
        int bodyLen = objLen - OBJECT_HEADER;
        if (classNum == ObjectClass.NULL) {
            return new NullObject(cType, Octets.copyOf(buf, bodyStart, bodyLen));
        }
        ObjectRegistry.BodyParser parser = ObjectRegistry.parser(classNum, cType);
        if (parser == null) {
            boolean knownClass = ObjectRegistry.isKnownClass(classNum);
            if (!knownClass && ObjectClass.unknownClassRule(classNum) == ObjectClass.UnknownClassRule.REJECT) {
                // RFC 2205 §3.10: an unknown class with high bit 0 rejects the whole message.
                throw new MalformedInput(new DecodeError(
                    new RsvpError(ErrorCodes.UNKNOWN_OBJECT_CLASS, (classNum << 8) | cType), pos - origin,
                    "unknown object class " + classNum + " (C-Type " + cType + ")",
                    DecodeError.Reaction.SEND_ERROR));
            }
            if (knownClass && !type.allows(classNum)) {
                throw notAllowed(origin, pos, classNum, type);
            }
            return new UnknownObject(classNum, cType, Octets.copyOf(buf, bodyStart, bodyLen));
        }
        if (!type.allows(classNum)) {
            throw notAllowed(origin, pos, classNum, type);
        }
        reader.resetToObjectBody(buf, origin, bodyStart, bodyStart + bodyLen, classNum, cType);
        RsvpObject o = parser.parse(reader);
        reader.expectEnd();
        return o;
    }

    private static MalformedInput notAllowed(int origin, int pos, int classNum, MessageType type) {
        return new MalformedInput(new DecodeError(
            new RsvpError(ErrorCodes.RSVP_SYSTEM_ERROR, ErrorCodes.SYS_OBJECT_NOT_ALLOWED), pos - origin,
            ObjectClass.name(classNum) + " object is not allowed in a " + type.displayName() + " message",
            DecodeError.Reaction.SEND_ERROR));
    }

    /** RFC 2961 §3.1: sub-messages follow the Bundle header back to back; a Bundle inside a Bundle is an error. */
    private DecodeResult decodeBundle(byte[] buf, int off, CommonHeader h) {
        List<ObjectMessage> messages = new ArrayList<>();
        int end = off + h.length();
        int pos = off + CommonHeader.SIZE;
        while (pos < end) {
            CommonHeader sub = CommonHeader.read(buf, pos, end - pos);
            DecodeError err = sub == null
                ? discardError(pos - off, ErrorCodes.SYS_BAD_BUNDLE,
                    (end - pos) + " byte(s) left in the Bundle: too few for a sub-message header")
                : checkHeader(sub, end - pos, pos - off);
            if (err == null && sub.messageType() == MessageType.BUNDLE.number()) {
                err = discardError(pos - off + 1, ErrorCodes.SYS_BAD_BUNDLE, "a Bundle must not contain a Bundle");
            }
            if (err != null) {
                return new DecodeResult.Malformed(h, err, List.of(), messages);
            }
            try {
                messages.add(decodeObjects(buf, off, pos, sub, MessageType.fromNumber(sub.messageType())));
            } catch (MalformedInput e) {
                return new DecodeResult.Malformed(h, e.error, partial(), messages);
            }
            pos += sub.length();
        }
        if (messages.isEmpty()) {
            return new DecodeResult.Malformed(h, discardError(CommonHeader.SIZE, ErrorCodes.SYS_BAD_BUNDLE,
                "a Bundle must carry at least one message"), List.of(), List.of());
        }
        return new DecodeResult.Decoded(h, new BundleMessage(h.flags(), h.sendTtl(), messages));
    }
}
