package org.rsvpconsole.engine.api;

import java.util.Objects;

/**
 * One LSP of an RSVP-TE tunnel (RFC 3209 §4.6): the tunnel's SESSION (tail end, tunnel ID, extended tunnel ID)
 * and its SENDER_TEMPLATE (head end, LSP ID). The LSPs of one tunnel differ only in their LSP ID, which is how
 * make-before-break tells the old route from the new (§2.5).
 *
 * @param tailEnd          the tunnel end point (SESSION LSP_TUNNEL_IPv4/IPv6)
 * @param tunnelId         16 bits, constant for the tunnel's life
 * @param extendedTunnelId normally the head end's address (§4.6.1.1)
 * @param headEnd          the tunnel sender address (SENDER_TEMPLATE LSP_TUNNEL)
 * @param lspId            16 bits, changes when the head end re-routes with make-before-break
 */
public record LspId(IpAddress tailEnd, int tunnelId, IpAddress extendedTunnelId, IpAddress headEnd, int lspId) {

    public LspId {
        Objects.requireNonNull(tailEnd, "tailEnd");
        Objects.requireNonNull(extendedTunnelId, "extendedTunnelId");
        Objects.requireNonNull(headEnd, "headEnd");
        if ((tunnelId & ~0xffff) != 0 || (lspId & ~0xffff) != 0) {
            throw new IllegalArgumentException("tunnel ID and LSP ID are 16 bits: " + tunnelId + ", " + lspId);
        }
    }

    /**
     * The tunnel as the other events name sessions: protocol 0 (an IP session's protocol is never 0, RFC 2205
     * A.1) and the tunnel ID as the port. Two tunnels with the same tail end and tunnel ID from different head ends
     * share this identity; the LSP events and views carry the whole {@code LspId}.
     */
    public SessionId session() {
        return tunnelSession(tailEnd, tunnelId);
    }

    /** The {@link SessionId} of tunnel {@code tunnelId} toward {@code tailEnd} (see {@link #session()}). */
    public static SessionId tunnelSession(IpAddress tailEnd, int tunnelId) {
        return new SessionId(tailEnd, 0, tunnelId);
    }

    /** The sender as the other events name it: the head end and the LSP ID as the port. */
    public SenderAddress sender() {
        return new SenderAddress(headEnd, lspId);
    }

    /** This tunnel's LSP with another LSP ID (a make-before-break successor). */
    public LspId withLspId(int id) {
        return new LspId(tailEnd, tunnelId, extendedTunnelId, headEnd, id);
    }

    @Override
    public String toString() {
        return "tunnel " + tunnelId + " " + headEnd + "->" + tailEnd + " lsp " + lspId;
    }
}
