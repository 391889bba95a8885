package org.rsvpconsole.engine.codec;

/**
 * RFC 3209 §4.7 SESSION_ATTRIBUTE (Class-Num 207): priorities, flags and a display name of an LSP tunnel. C-Type 7
 * (LSP_TUNNEL) carries them alone; C-Type 1 (LSP_TUNNEL_RA) puts three resource-affinity masks first. Class 207 is
 * of the form 11bbbbbb, so nodes that do not know it forward it unchanged.
 *
 * <pre>
 * +-------------+-------------+-------------+-------------+
 * |                   Exclude-any                         |  C-Type 1 only
 * +-------------+-------------+-------------+-------------+
 * |                   Include-any                         |  C-Type 1 only
 * +-------------+-------------+-------------+-------------+
 * |                   Include-all                         |  C-Type 1 only
 * +-------------+-------------+-------------+-------------+
 * | Setup Prio  | Holding Prio|    Flags    |  Name Length|
 * +-------------+-------------+-------------+-------------+
 * //          Session Name      (NUL padded display string)      //
 * +-------------+-------------+-------------+-------------+
 * </pre>
 *
 * Name Length is the length of the name before padding. Some implementations count the NUL padding too; such a
 * name decodes without the NULs and {@code lengthIncludesPadding} remembers it, so the object re-encodes as
 * received.
 */
public sealed interface SessionAttribute extends RsvpObject
    permits SessionAttribute.LspTunnel, SessionAttribute.LspTunnelRa {

    int C_TYPE_LSP_TUNNEL_RA = 1;
    int C_TYPE_LSP_TUNNEL = 7;
    int FLAG_LOCAL_PROTECTION_DESIRED = 0x01;
    int FLAG_LABEL_RECORDING_DESIRED = 0x02;
    int FLAG_SE_STYLE_DESIRED = 0x04;

    /** Priority for taking resources, 0 (highest) to 7. */
    int setupPriority();

    /** Priority for holding resources, 0 (highest) to 7. */
    int holdingPriority();

    int flags();

    /** The display name, printable ASCII, without padding. */
    String name();

    /** True when the sender's Name Length counted the NUL padding (re-encoded the same way). */
    boolean lengthIncludesPadding();

    @Override
    default int classNum() {
        return ObjectClass.SESSION_ATTRIBUTE;
    }

    /** C-Type 7: LSP_TUNNEL, without resource affinities. */
    record LspTunnel(int setupPriority, int holdingPriority, int flags, String name, boolean lengthIncludesPadding)
        implements SessionAttribute {

        public LspTunnel {
            lengthIncludesPadding = SessionAttributeFields.check(setupPriority, holdingPriority, flags, name,
                lengthIncludesPadding);
        }

        public LspTunnel(int setupPriority, int holdingPriority, int flags, String name) {
            this(setupPriority, holdingPriority, flags, name, false);
        }

        @Override
        public int cType() {
            return C_TYPE_LSP_TUNNEL;
        }

        static LspTunnel decode(WireReader r) {
            SessionAttributeFields.Tail t = SessionAttributeFields.readTail(r);
            return Decoding.valid(r, () -> new LspTunnel(t.setup(), t.holding(), t.flags(), t.name(), t.padded()));
        }

        @Override
        public void encodeBody(WireWriter out) {
            SessionAttributeFields.writeTail(out, this);
        }

        @Override
        public void describe(FieldVisitor v) {
            SessionAttributeFields.describeTail(v, this);
        }
    }

    /**
     * C-Type 1: LSP_TUNNEL_RA, with resource affinities (RFC 3209 §4.7.2): links with any bit of excludeAny are
     * avoided; a link must have one bit of includeAny (when non-zero) and all bits of includeAll.
     */
    record LspTunnelRa(int excludeAny, int includeAny, int includeAll, int setupPriority, int holdingPriority,
                       int flags, String name, boolean lengthIncludesPadding) implements SessionAttribute {

        public LspTunnelRa {
            lengthIncludesPadding = SessionAttributeFields.check(setupPriority, holdingPriority, flags, name,
                lengthIncludesPadding);
        }

        public LspTunnelRa(int excludeAny, int includeAny, int includeAll, int setupPriority, int holdingPriority,
                           int flags, String name) {
            this(excludeAny, includeAny, includeAll, setupPriority, holdingPriority, flags, name, false);
        }

        @Override
        public int cType() {
            return C_TYPE_LSP_TUNNEL_RA;
        }

        static LspTunnelRa decode(WireReader r) {
            int exclude = r.i32();
            int includeAny = r.i32();
            int includeAll = r.i32();
            SessionAttributeFields.Tail t = SessionAttributeFields.readTail(r);
            return Decoding.valid(r, () -> new LspTunnelRa(exclude, includeAny, includeAll, t.setup(), t.holding(),
                t.flags(), t.name(), t.padded()));
        }

        @Override
        public void encodeBody(WireWriter out) {
            out.i32(excludeAny).i32(includeAny).i32(includeAll);
            SessionAttributeFields.writeTail(out, this);
        }

        @Override
        public void describe(FieldVisitor v) {
            v.number("excludeAny", Integer.toUnsignedLong(excludeAny));
            v.number("includeAny", Integer.toUnsignedLong(includeAny));
            v.number("includeAll", Integer.toUnsignedLong(includeAll));
            SessionAttributeFields.describeTail(v, this);
        }
    }
}
