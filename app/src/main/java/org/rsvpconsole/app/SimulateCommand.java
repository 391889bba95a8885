package org.rsvpconsole.app;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.rsvpconsole.engine.api.EventSink;
import org.rsvpconsole.engine.capture.PcapWriter;
import org.rsvpconsole.engine.config.ConfigException;
import org.rsvpconsole.engine.policy.LocalPolicy;
import org.rsvpconsole.engine.policy.PolicyControl;
import org.rsvpconsole.engine.policy.PolicyLoader;
import org.rsvpconsole.engine.scenario.Scenario;
import org.rsvpconsole.engine.scenario.ScenarioLoader;
import org.rsvpconsole.engine.scenario.ScenarioTime;
import org.rsvpconsole.engine.scenario.ScenarioValidator;
import org.rsvpconsole.engine.sim.EventFields;
import org.rsvpconsole.engine.sim.PcapTap;
import org.rsvpconsole.engine.sim.ScenarioRun;
import org.rsvpconsole.engine.topology.Topology;
import org.rsvpconsole.engine.topology.TopologyLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code simulate}: runs a scenario on the virtual network in virtual time and prints the reservations on every
 * link direction and the state of every node as one JSON document. The engine side is
 * {@link ScenarioRun}; this command reads the files, wires the outputs and reports errors.
 */
@Command(name = "simulate", description = {
    "Run a scenario on a topology in virtual time and print, as JSON, per link direction the reservations on it"
        + " and the bandwidth still free, and per node its path and reservation state and activity.",
    "Bandwidths are in bytes per second. The same files and seed always give the same output."},
    footerHeading = "%nExit codes:%n",
    footer = {"  0  the scenario ran", "  2  a file was missing or wrong, or an option was bad"})
final class SimulateCommand implements Callable<Integer> {

    /** After the last operation, time for its messages to cross the network before the snapshot. */
    static final long SETTLE_NANOS = 1_000_000_000L;

    @ParentCommand
    private Main main;

    @Option(names = "--topology", paramLabel = "T.yaml",
        description = "The topology file (default: the one the scenario names).")
    private Path topologyFile;

    @Option(names = "--scenario", required = true, paramLabel = "S.yaml", description = "The scenario file.")
    private Path scenarioFile;

    @Option(names = "--until", paramLabel = "DURATION",
        description = "Virtual time of the snapshot, like 90s or 5m (default: 1s after the last operation).")
    private String until;

    @Option(names = "--pcap", paramLabel = "FILE",
        description = "Write every datagram that crossed a link to a pcap file (raw IP).")
    private Path pcapFile;

    @Option(names = "--events", paramLabel = "FILE",
        description = "Write every event of every node as JSON lines.")
    private Path eventsFile;

    @Option(names = "--db", paramLabel = "URL",
        description = "Also record the topology and every event into this history store (an H2 file, created when"
            + " missing, or jdbc:postgresql://...); virtual time 0 is recorded as the time the run starts.")
    private String db;

    @Option(names = "--seed", paramLabel = "N",
        description = "Seed of the call generators, link loss and refresh jitter (default: the scenario's).")
    private Long seed;

    @Option(names = "--policy", paramLabel = "[NODE=]P.yaml",
        description = "Local policy file for NODE, or for every node without NODE=; repeatable.")
    private List<String> policies = new ArrayList<>();

    @Override
    public Integer call() {
        Scenario scenario;
        Topology topology;
        PolicyControl policy;
        long untilNanos;
        try {
            scenario = ScenarioLoader.load(scenarioFile);
            if (seed != null) {
                scenario = new Scenario(scenario.file(), scenario.name(), scenario.description(),
                    scenario.topology(), seed, scenario.operations());
            }
            Path topo = topologyFile != null ? topologyFile : scenario.topologyPath(scenarioFile).orElseThrow(
                () -> new UserException(scenarioFile + ": the scenario names no topology; give --topology T.yaml"));
            topology = TopologyLoader.load(topo);
            ScenarioValidator.validate(scenario, topology);
            policy = policies(topology);
            untilNanos = until == null ? scenario.endNanos() + SETTLE_NANOS : parseUntil(until);
        } catch (ConfigException e) {
            for (var p : e.problems()) {
                main.err.println("rsvp-console: " + p);
            }
            return Main.EXIT_USAGE;
        }
        ScenarioRun.Options options = ScenarioRun.Options.defaults(scenario.seed()).withPolicy(policy);
        try (Outputs outputs = new Outputs()) {
            if (pcapFile != null) {
                outputs.pcapWriter = PcapWriter.create(pcapFile);
                outputs.tap = new PcapTap(outputs.pcapWriter);
                options = options.withTap(outputs.tap);
            }
            EventSink listener = EventSink.NONE;
            if (eventsFile != null) {
                outputs.eventsStream = new BufferedOutputStream(Files.newOutputStream(eventsFile), 1 << 16);
                JsonWriter events = new JsonWriter(outputs.eventsStream);
                outputs.events = events;
                listener = eventWriter(events, outputs);
            }
            if (db != null) {
                outputs.history = HistoryRecording.open(db, topology);
                listener = HistoryRecording.both(listener, outputs.history.sink());
            }
            options = options.withListener(listener);
            ScenarioRun run = ScenarioRun.start(topology, scenario, options);
            run.runUntil(untilNanos);
            JsonWriter json = new JsonWriter(main.out).pretty(2);
            json.beginObject();
            run.report().describe(json);
            json.endObject();
            json.newline();
            json.flush();
            outputs.finish();
        } catch (IOException e) {
            throw new UserException(describe(e));
        }
        return 0;
    }

    /** The --policy files: NODE=FILE for one node, FILE for every node; a node's own file wins. */
    private PolicyControl policies(Topology topology) throws ConfigException {
        Map<String, PolicyControl> byNode = new HashMap<>();
        PolicyControl everyNode = PolicyControl.ACCEPT_ALL;
        for (String spec : policies) {
            int eq = spec.indexOf('=');
            String node = eq > 0 ? spec.substring(0, eq) : null;
            Path file = Path.of(eq > 0 ? spec.substring(eq + 1) : spec);
            if (node != null && topology.node(node).isEmpty()) {
                throw new UserException("--policy " + spec + ": node '" + node + "' is not in the topology");
            }
            LocalPolicy local = new LocalPolicy(PolicyLoader.load(file));
            if (node == null) {
                everyNode = local;
            } else if (byNode.putIfAbsent(node, local) != null) {
                throw new UserException("--policy " + spec + ": node '" + node + "' has a policy file already");
            }
        }
        if (byNode.isEmpty()) {
            return everyNode;
        }
        PolicyControl fallback = everyNode;
        return request -> byNode.getOrDefault(request.node(), fallback).decide(request);
    }

    private static long parseUntil(String text) {
        try {
            return ScenarioTime.parseNanos(text);
        } catch (IllegalArgumentException e) {
            throw new UserException("--until: " + e.getMessage());
        }
    }

    private static EventSink eventWriter(JsonWriter json, Outputs outputs) {
        return e -> {
            if (outputs.eventsError != null) {
                return;
            }
            try {
                json.beginObject();
                EventFields.describe(e, json);
                json.endObject();
                json.newline();
            } catch (UncheckedIOException x) {
                outputs.eventsError = x.getCause();
            }
        };
    }

    private static String describe(IOException e) {
        if (e instanceof NoSuchFileException n) {
            return n.getFile() + ": no such file or directory";
        }
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    /** The files a run writes, closed together; a write error during the run is reported at the end. */
    private final class Outputs implements AutoCloseable {
        PcapTap tap;
        PcapWriter pcapWriter;
        OutputStream eventsStream;
        JsonWriter events;
        IOException eventsError;
        HistoryRecording history;

        void finish() throws IOException {
            if (history != null) {
                history.finish();
            }
            if (events != null && eventsError == null) {
                try {
                    events.flush();
                } catch (UncheckedIOException e) {
                    eventsError = e.getCause();
                }
            }
            if (eventsError != null) {
                throw new IOException(eventsFile + ": " + describe(eventsError));
            }
            Optional<IOException> pcapError = tap == null ? Optional.empty() : tap.error();
            if (pcapError.isPresent()) {
                throw new IOException(pcapFile + ": " + describe(pcapError.get()));
            }
        }

        @Override
        public void close() throws IOException {
            if (history != null) {
                history.close();
            }
            try {
                if (eventsStream != null) {
                    eventsStream.close();
                }
            } finally {
                if (pcapWriter != null) {
                    pcapWriter.close();
                }
            }
        }
    }
}
