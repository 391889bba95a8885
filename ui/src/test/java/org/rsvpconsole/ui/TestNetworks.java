package org.rsvpconsole.ui;

import java.nio.file.Path;
import org.rsvpconsole.engine.live.TrafficMixPlan;
import org.rsvpconsole.engine.live.VirtualLiveNetwork;
import org.rsvpconsole.engine.scenario.ScenarioLoader;
import org.rsvpconsole.engine.topology.TopologyLoader;

/** The example networks the UI tests run on (the repository's examples/). */
public final class TestNetworks {

    public static final Path EXAMPLES = Path.of("..", "examples");

    private TestNetworks() {
    }

    /** The service-provider network, with or without its traffic mix, not started. */
    public static VirtualLiveNetwork spNetwork(boolean traffic, double speed) throws Exception {
        var topology = TopologyLoader.load(EXAMPLES.resolve("sp-network.yaml"));
        var scenario = ScenarioLoader.load(EXAMPLES.resolve("sp-network.scenario.yaml"));
        return new VirtualLiveNetwork(topology, traffic ? TrafficMixPlan.looping(scenario) : null, speed, 1,
            Throwable::printStackTrace);
    }

    /** The RSVP-TE example (RFC 3209 LSPs from R1 to R4) with its scenario as the traffic mix, not started. */
    public static VirtualLiveNetwork teNetwork(double speed) throws Exception {
        var topology = TopologyLoader.load(EXAMPLES.resolve("rsvp-te-4router.yaml"));
        var scenario = ScenarioLoader.load(EXAMPLES.resolve("rsvp-te-4router.scenario.yaml"));
        return new VirtualLiveNetwork(topology, TrafficMixPlan.looping(scenario), speed, 1,
            Throwable::printStackTrace);
    }

    /** RFC 4495 Figure 1 (Flow 2 reduces Flow 1 on R1 Int2 at 10.5 s) with its scenario as the mix, not started. */
    public static VirtualLiveNetwork figure1Network(double speed) throws Exception {
        var topology = TopologyLoader.load(EXAMPLES.resolve("rfc4495-figure1.yaml"));
        var scenario = ScenarioLoader.load(EXAMPLES.resolve("rfc4495-figure1.scenario.yaml"));
        return new VirtualLiveNetwork(topology, TrafficMixPlan.looping(scenario), speed, 1,
            Throwable::printStackTrace);
    }

    /**
     * RFC 4495 Figure 2 (aggregates X and Y share R10 Int8; Flow 9 joins X at 20 s and Y is reduced to 320 kbit/s)
     * with its scenario as the mix, not started.
     */
    public static VirtualLiveNetwork figure2Network(double speed) throws Exception {
        var topology = TopologyLoader.load(EXAMPLES.resolve("rfc4495-figure2.yaml"));
        var scenario = ScenarioLoader.load(EXAMPLES.resolve("rfc4495-figure2.scenario.yaml"));
        return new VirtualLiveNetwork(topology, TrafficMixPlan.looping(scenario), speed, 1,
            Throwable::printStackTrace);
    }
}
