package org.rsvpconsole.engine.codec;

/**
 * The 8-byte RSVP common header exactly as received (RFC 2205 §3.1.1), before any validation.
 *
 * @param checksumOk true when the checksum field is zero ("no checksum transmitted") or matches the bytes
 */
public record CommonHeader(int version, int flags, int messageType, int checksum, int sendTtl, int reserved,
                           int length, boolean checksumOk) {

    public static final int SIZE = 8;

    /** Reads the header at {@code off}; null when fewer than 8 bytes are there. */
    public static CommonHeader read(byte[] buf, int off, int available) {
        if (available < SIZE) {
            return null;
        }
        int length = ((buf[off + 6] & 0xff) << 8) | (buf[off + 7] & 0xff);
        int checksum = ((buf[off + 2] & 0xff) << 8) | (buf[off + 3] & 0xff);
        boolean ok = checksum == 0
            || (length >= SIZE && length <= available && Checksum.verify(buf, off, length));
        return new CommonHeader((buf[off] & 0xff) >>> 4, buf[off] & 0x0f, buf[off + 1] & 0xff, checksum,
            buf[off + 4] & 0xff, buf[off + 5] & 0xff, length, ok);
    }

    /** The type's name when known ({@code Path}, {@code Srefresh}), else {@code Unknown(N)}. */
    public String typeName() {
        MessageType t = MessageType.fromNumber(messageType);
        return t != null ? t.displayName() : "Unknown(" + messageType + ")";
    }
}
