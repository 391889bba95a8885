package org.rsvpconsole.engine.live;

import java.nio.file.Files;
import java.nio.file.Path;
import org.rsvpconsole.engine.api.LiveNetwork;
import org.rsvpconsole.engine.api.NetworkFileException;
import org.rsvpconsole.engine.api.NetworkOpener;
import org.rsvpconsole.engine.config.ConfigException;
import org.rsvpconsole.engine.scenario.Scenario;
import org.rsvpconsole.engine.scenario.ScenarioLoader;
import org.rsvpconsole.engine.topology.Topology;
import org.rsvpconsole.engine.topology.TopologyLoader;

/**
 * Opens a topology file as a {@link VirtualLiveNetwork}. A scenario beside it, named like it with
 * {@code .scenario.yaml} (sp-network.yaml, sp-network.scenario.yaml), becomes its looping traffic mix.
 */
public final class VirtualNetworkOpener implements NetworkOpener {

    private final double speed;

    /** @param speed the simulation speed of the networks it opens */
    public VirtualNetworkOpener(double speed) {
        this.speed = speed;
    }

    /** The traffic mix file that goes with {@code topology} (File > Open and {@code --topology}); may not exist. */
    public static Path scenarioBeside(Path topology) {
        String name = topology.getFileName().toString();
        String base = name.endsWith(".yaml") ? name.substring(0, name.length() - 5)
            : name.endsWith(".yml") ? name.substring(0, name.length() - 4) : name;
        return topology.resolveSibling(base + ".scenario.yaml");
    }

    @Override
    public LiveNetwork open(Path topology) throws NetworkFileException {
        try {
            Topology t = TopologyLoader.load(topology);
            Path s = scenarioBeside(topology);
            Scenario scenario = Files.isRegularFile(s) ? ScenarioLoader.load(s) : null;
            return new VirtualLiveNetwork(t, scenario == null ? null : TrafficMixPlan.looping(scenario), speed, 1,
                e -> { }).start();
        } catch (ConfigException e) {
            throw new NetworkFileException(e.getMessage());
        }
    }
}
