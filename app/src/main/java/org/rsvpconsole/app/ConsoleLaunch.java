package org.rsvpconsole.app;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.rsvpconsole.engine.config.ConfigException;
import org.rsvpconsole.engine.live.TrafficMixPlan;
import org.rsvpconsole.engine.live.VirtualLiveNetwork;
import org.rsvpconsole.engine.scenario.Scenario;
import org.rsvpconsole.engine.scenario.ScenarioLoader;
import org.rsvpconsole.engine.topology.Topology;
import org.rsvpconsole.engine.topology.TopologyLoader;

/**
 * Wires the console: the topology (the embedded service-provider example unless a file is given), the traffic mix
 * (its scenario, unless switched off), the virtual network on its own thread, then the JavaFX console.
 */
final class ConsoleLaunch {

    static final String DEFAULT_TOPOLOGY = "examples/sp-network.yaml";
    static final String DEFAULT_SCENARIO = "examples/sp-network.scenario.yaml";

    /** What the console opens on. */
    record Options(Path topology, Path scenario, boolean traffic, double speed) {
    }

    /** Opens the console; replaced in tests so no window opens. */
    interface Opener {
        void open(VirtualLiveNetwork network) throws Exception;
    }

    private ConsoleLaunch() {
    }

    static VirtualLiveNetwork network(Options o) throws IOException, ConfigException {
        Topology topology = o.topology() == null
            ? TopologyLoader.parse(resource(DEFAULT_TOPOLOGY), DEFAULT_TOPOLOGY)
            : TopologyLoader.load(o.topology());
        Scenario scenario = null;
        if (o.scenario() != null) {
            scenario = ScenarioLoader.load(o.scenario());
        } else if (o.topology() == null) {
            scenario = ScenarioLoader.parse(resource(DEFAULT_SCENARIO), DEFAULT_SCENARIO);
        }
        VirtualLiveNetwork net = new VirtualLiveNetwork(topology, scenario == null ? null
            : TrafficMixPlan.looping(scenario), o.speed(), 1, t -> { });
        net.setTrafficMix(o.traffic());
        return net;
    }

    static String resource(String name) throws IOException {
        try (InputStream in = ConsoleLaunch.class.getResourceAsStream("/" + name)) {
            if (in != null) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
        return Files.readString(Path.of(name));
    }
}
