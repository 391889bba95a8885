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
