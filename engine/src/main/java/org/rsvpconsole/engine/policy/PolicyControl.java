package org.rsvpconsole.engine.policy;

/**
 * Local policy control (RFC 2205 §2.4 "policy control", RFC 2209 §3 LPM hooks): the single hook a node calls on
 * every new or changed Path and Resv before admission control. The node calls it on its own event loop, so an
 * implementation must be quick and must not block; it may keep state only if it is safe for that thread model.
 */
@FunctionalInterface
public interface PolicyControl {

    /** Accepts everything unchanged: the default when a node has no local policy. */
    PolicyControl ACCEPT_ALL = PolicyDecision::accept;

    /** Decides on one Path or Resv request. */
    PolicyDecision decide(PolicyRequest request);
}
