package org.rsvpconsole.engine.api;

/** The IntServ service a reservation asks for. */
public enum ServiceClass {
    /** RFC 2212: a rate R and slack S give a firm delay bound. */
    GUARANTEED,
    /** RFC 2211: behaviour like an unloaded network for traffic within the token bucket. */
    CONTROLLED_LOAD
}
