package org.rsvpconsole.ui.reservations;

import org.rsvpconsole.engine.api.LspId;

/**
 * One row of a node's label table (RFC 3209 §4.1, RFC 3031 §3.11): for one LSP, the label packets arrive with and
 * where, the label they leave with and where, and the next hop.
 */
public record LabelRow(String node, LspId lsp, String lspName, String role, String inLabel, String inInterface,
                       String outLabel, String outInterface, String nextHop) {

    /** As the inspector lists it: {@code in 16 on if1 -> out 17 on if2, next hop R3}. */
    public String text() {
        return "in " + inLabel + (inInterface.isEmpty() ? "" : " on " + inInterface) + " -> out " + outLabel
            + (outInterface.isEmpty() ? "" : " on " + outInterface) + (nextHop.isEmpty() ? "" : ", next hop "
                + nextHop);
    }
}
