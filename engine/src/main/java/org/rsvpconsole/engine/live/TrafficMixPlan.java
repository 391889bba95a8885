package org.rsvpconsole.engine.live;

import org.rsvpconsole.engine.scenario.Scenario;

/** Builds the traffic mix plans the console runs. */
public final class TrafficMixPlan {

    private TrafficMixPlan() {
    }

    /** The scenario's operations played over and over, ten quiet seconds between rounds. */
    public static TrafficMix.Plan looping(Scenario scenario) {
        return new TrafficMix.Plan(scenario, 10_000_000_000L);
    }
}
