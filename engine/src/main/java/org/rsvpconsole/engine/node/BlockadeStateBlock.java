package org.rsvpconsole.engine.node;

import org.rsvpconsole.engine.api.FlowRequest;
import org.rsvpconsole.engine.api.IpAddress;

/**
 * Blockade state (RFC 2205 §3.5, RFC 2209 §2 "BSB"): after an admission failure upstream, reservation requests at
 * least as large as the failed one {@code qb} are left out of the merge sent to {@code previousHop} until
 * {@code expiresNanos}, so that smaller requests sharing the merge are not denied by a "killer reservation".
 */
record BlockadeStateBlock(IpAddress previousHop, FlowRequest qb, long expiresNanos) {
}
