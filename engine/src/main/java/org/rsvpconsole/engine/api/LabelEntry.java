package org.rsvpconsole.engine.api;

/**
 * One row of a node's label table (RFC 3209 §4.1, RFC 3031 §3.11 incoming label map): what the node does with
 * packets of one LSP. The head end has no incoming label (it pushes the out-label), the tail end no outgoing one;
 * an out-label of 3 is Implicit NULL (RFC 3032 §2.1: the previous hop pops).
 *
 * @param inLabel      the label this node allocated and advertised upstream in its Resv, or {@link #NONE}
 * @param inInterface  where labelled packets arrive ("" at the head end)
 * @param outLabel     the label the next hop advertised in its Resv, or {@link #NONE}
 * @param outInterface where packets leave ("" at the tail end)
 * @param nextHop      the next hop's address, null at the tail end
 */
public record LabelEntry(LspId lsp, long inLabel, String inInterface, long outLabel, String outInterface,
                         IpAddress nextHop) {

    public static final long NONE = -1;
    /** RFC 3032 §2.1. */
    public static final long IMPLICIT_NULL = 3;

    @Override
    public String toString() {
        return (inLabel == NONE ? "-" : Long.toString(inLabel)) + " " + inInterface + " -> "
            + (outLabel == NONE ? "-" : outLabel == IMPLICIT_NULL ? "pop" : Long.toString(outLabel)) + " "
            + outInterface;
    }
}
