package org.rsvpconsole.engine.codec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Bytes to RSVP messages and back. Pure functions, no shared mutable state, safe from any thread.
 * {@link #decode} never throws on input bytes: every fault becomes a {@link DecodeResult.Malformed} with the byte
 * offset and the error a node would answer with, and every read is bounded by the lengths the sender declared.
 */
public final class RsvpCodec {

    private static final int OBJECT_HEADER = 4;

    private RsvpCodec() {
    }

    public static DecodeResult decode(byte[] buf) {
        return decode(buf, 0, buf.length);
    }

    /** Decodes the RSVP message at {@code off}; bytes past its declared length (e.g. link padding) are ignored. */
    public static DecodeResult decode(byte[] buf, int off, int len) {
        CommonHeader header = CommonHeader.read(buf, off, len);
        if (header == null) {
            return discard(null, 0, ErrorCodes.SYS_BAD_LENGTH,
                "only " + len + " byte(s): an RSVP common header needs 8");
        }
        DecodeError headerError = checkHeader(header, len, 0);
        if (headerError != null) {
            return new DecodeResult.Malformed(header, headerError, List.of(), List.of());
        }
        MessageType type = MessageType.fromNumber(header.messageType());
        if (type == MessageType.BUNDLE) {
            return decodeBundle(buf, off, header);
        }
        List<RsvpObject> partial = new ArrayList<>();
        try {
            return new DecodeResult.Decoded(header, decodeObjects(buf, off, off, header, type, partial));
        } catch (MalformedInput e) {
            return new DecodeResult.Malformed(header, e.error, partial, List.of());
        }
    }

    private static DecodeResult discard(CommonHeader header, int offset, int sysValue, String reason) {
        return new DecodeResult.Malformed(header, discardError(offset, sysValue, reason), List.of(), List.of());
    }

    private static DecodeError discardError(int offset, int sysValue, String reason) {
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

    /**
     * Decodes the objects of one non-Bundle message at {@code at}; {@code origin} is where offsets count from
     * (the outer Bundle for a sub-message). Objects decoded before a fault are left in {@code partial}.
     */
    private static ObjectMessage decodeObjects(byte[] buf, int origin, int at, CommonHeader h, MessageType type,
                                               List<RsvpObject> partial) {
        int end = at + h.length();
        int pos = at + CommonHeader.SIZE;
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
            partial.add(decodeObject(buf, origin, pos, objLen, classNum, cType, type));
            pos += objLen;
        }
        checkMandatory(type, partial, end - origin);
        return new ObjectMessage(type, h.flags(), h.sendTtl(), partial);
    }

    private static RsvpObject decodeObject(byte[] buf, int origin, int pos, int objLen, int classNum, int cType,
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
        WireReader body = new WireReader(buf, origin, bodyStart, bodyStart + bodyLen,
            ObjectClass.name(classNum) + " (C-Type " + cType + ") object");
        RsvpObject o = parser.parse(body);
        body.expectEnd();
        return o;
    }

    private static MalformedInput notAllowed(int origin, int pos, int classNum, MessageType type) {
        return new MalformedInput(new DecodeError(
            new RsvpError(ErrorCodes.RSVP_SYSTEM_ERROR, ErrorCodes.SYS_OBJECT_NOT_ALLOWED), pos - origin,
            ObjectClass.name(classNum) + " object is not allowed in a " + type.displayName() + " message",
            DecodeError.Reaction.SEND_ERROR));
    }

    private static void checkMandatory(MessageType type, List<RsvpObject> objects, int endOffset) {
        for (int required : type.mandatoryClasses()) {
            boolean found = false;
            for (RsvpObject o : objects) {
                if (o.classNum() == required) {
                    found = true;
                    break;
                }
            }
            if (!found) {
                throw new MalformedInput(new DecodeError(
                    new RsvpError(ErrorCodes.RSVP_SYSTEM_ERROR, ErrorCodes.SYS_MISSING_OBJECT), endOffset,
                    type.displayName() + " message has no " + ObjectClass.name(required)
                        + " object, which it must carry",
                    DecodeError.Reaction.SEND_ERROR));
            }
        }
    }

    /** RFC 2961 §3.1: sub-messages follow the Bundle header back to back; a Bundle inside a Bundle is an error. */
    private static DecodeResult decodeBundle(byte[] buf, int off, CommonHeader h) {
        List<ObjectMessage> messages = new ArrayList<>();
        int end = off + h.length();
        int pos = off + CommonHeader.SIZE;
        List<RsvpObject> partial = new ArrayList<>();
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
                messages.add(decodeObjects(buf, off, pos, sub, MessageType.fromNumber(sub.messageType()), partial));
            } catch (MalformedInput e) {
                return new DecodeResult.Malformed(h, e.error, partial, messages);
            }
            partial.clear();
            pos += sub.length();
        }
        if (messages.isEmpty()) {
            return discard(h, CommonHeader.SIZE, ErrorCodes.SYS_BAD_BUNDLE, "a Bundle must carry at least one message");
        }
        return new DecodeResult.Decoded(h, new BundleMessage(h.flags(), h.sendTtl(), messages));
    }

    /** Encodes a message with its length and checksum filled in. */
    public static byte[] encode(RsvpMessage message) {
        WireWriter w = new WireWriter(512);
        encode(message, w);
        return w.toByteArray();
    }

    /** Appends the encoded message to {@code w}. */
    public static void encode(RsvpMessage message, WireWriter w) {
        int start = w.position();
        writeHeader(w, message);
        switch (message) {
            case ObjectMessage m -> writeObjects(w, m.objects());
            case BundleMessage b -> {
                for (ObjectMessage m : b.messages()) {
                    encode(m, w);
                }
            }
        }
        int len = w.position() - start;
        if (len > 0xffff) {
            throw new IllegalArgumentException("message of " + len + " bytes exceeds the 16-bit RSVP length");
        }
        w.putU16At(start + 6, len);
        Checksum.fill(w.array(), start, len);
    }

    private static void writeHeader(WireWriter w, RsvpMessage m) {
        w.u8((RsvpMessage.VERSION << 4) | m.flags()).u8(m.type().number()).u16(0).u8(m.sendTtl()).u8(0).u16(0);
    }

    private static void writeObjects(WireWriter w, List<RsvpObject> objects) {
        for (RsvpObject o : objects) {
            encodeObject(o, w);
        }
    }

    /** Appends one object with its header; the body length must come out a multiple of four. */
    public static void encodeObject(RsvpObject o, WireWriter w) {
        int start = w.position();
        w.u16(0).u8(o.classNum()).u8(o.cType());
        o.encodeBody(w);
        int len = w.position() - start;
        if (len % 4 != 0 || len > 0xffff) {
            throw new IllegalStateException(o.className() + " encoded to " + len + " bytes: not a valid object length");
        }
        w.putU16At(start, len);
    }

    /** Encodes one object with its header (tests, golden bytes). */
    public static byte[] encodeObject(RsvpObject o) {
        WireWriter w = new WireWriter(64);
        encodeObject(o, w);
        return w.toByteArray();
    }

    /** Decodes one object with its header, as if it appeared in a message of type {@code in}. */
    public static DecodeResult decodeObjectForTest(byte[] objectBytes, MessageType in) {
        return decode(wrapForTest(objectBytes, in));
    }

    private static byte[] wrapForTest(byte[] objectBytes, MessageType in) {
        byte[] msg = Arrays.copyOf(new byte[CommonHeader.SIZE], CommonHeader.SIZE + objectBytes.length);
        System.arraycopy(objectBytes, 0, msg, CommonHeader.SIZE, objectBytes.length);
        msg[0] = 0x10;
        msg[1] = (byte) in.number();
        msg[4] = 64;
        msg[6] = (byte) (msg.length >>> 8);
        msg[7] = (byte) msg.length;
        return msg;
    }
}
