package org.rsvpconsole.engine.codec;

import java.util.Arrays;
import java.util.HexFormat;

/** An immutable run of bytes with value equality: opaque object bodies, digests, labels. */
public final class Octets {

    public static final Octets EMPTY = new Octets(new byte[0]);

    private final byte[] bytes;

    private Octets(byte[] bytes) {
        this.bytes = bytes;
    }

    public static Octets of(byte... bytes) {
        return new Octets(bytes.clone());
    }

    public static Octets copyOf(byte[] src, int off, int len) {
        return len == 0 ? EMPTY : new Octets(Arrays.copyOfRange(src, off, off + len));
    }

    public static Octets fromHex(String hex) {
        return new Octets(HexFormat.of().parseHex(hex.replace(" ", "")));
    }

    public int length() {
        return bytes.length;
    }

    public int get(int i) {
        return bytes[i] & 0xff;
    }

    public byte[] toByteArray() {
        return bytes.clone();
    }

    void copyTo(byte[] dst, int off) {
        System.arraycopy(bytes, 0, dst, off, bytes.length);
    }

    public String hex() {
        return HexFormat.of().formatHex(bytes);
    }

    /**
     * Writes {@link #hex()}'s text as ASCII bytes into {@code dst} at {@code off} (room for twice {@link #length}
     * needed) and returns the offset after it.
     */
    public int writeHex(byte[] dst, int off) {
        int p = off;
        for (byte b : bytes) {
            dst[p++] = HEX_DIGITS[(b >> 4) & 0xf];
            dst[p++] = HEX_DIGITS[b & 0xf];
        }
        return p;
    }

    private static final byte[] HEX_DIGITS = {'0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'a', 'b', 'c', 'd',
        'e', 'f'};

    /** Bytes {@code from} (inclusive) to {@code to} (exclusive) in hex. */
    String hex(int from, int to) {
        return HexFormat.of().formatHex(bytes, from, to);
    }

    /** The big-endian 32-bit word at byte {@code i}. */
    int word(int i) {
        return ((bytes[i] & 0xff) << 24) | ((bytes[i + 1] & 0xff) << 16) | ((bytes[i + 2] & 0xff) << 8)
            | (bytes[i + 3] & 0xff);
    }

    /** A copy of bytes {@code from} (inclusive) to {@code to} (exclusive). */
    Octets range(int from, int to) {
        return from == to ? EMPTY : new Octets(Arrays.copyOfRange(bytes, from, to));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Octets other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return hex();
    }
}
