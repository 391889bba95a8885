package org.rsvpconsole.ui.reservations;

import org.rsvpconsole.engine.api.LspId;

/**
 * One line of the LSP table, in the habit of {@code show mpls traffic-eng tunnels}: an RSVP-TE LSP (RFC 3209) at
 * its head end, with its SESSION_ATTRIBUTE (§4.7), the route it was asked for and the route it took with labels.
 */
public record LspRow(LspId id, String name, String head, String tail, int tunnelId, int lspId, String state,
                     double bandwidthBytesPerSecond, String bandwidth, String priorities, String flags, String style,
                     String explicitRoute, String recordedRoute) {

    /** One row per LSP (a make-before-break successor is a row of its own). */
    public String key() {
        return id.toString();
    }
}
