package org.rsvpconsole.engine.api;

import java.util.List;

/**
 * One merged reservation on an outgoing interface (a traffic control state block as the API sees it).
 *
 * @param senders the senders it is for (FF: one; SE and WF: the senders sharing it)
 */
public record ReservationView(SessionId session, ReservationStyle style, List<SenderAddress> senders,
                              FlowRequest flowspec, double reservedBytesPerSecond) {
    public ReservationView {
        senders = List.copyOf(senders);
    }
}
