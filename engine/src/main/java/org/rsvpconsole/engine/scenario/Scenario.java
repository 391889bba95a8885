package org.rsvpconsole.engine.scenario;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import org.rsvpconsole.engine.scenario.ScenarioOperation.Calls;
import org.rsvpconsole.engine.scenario.ScenarioOperation.Release;
import org.rsvpconsole.engine.scenario.ScenarioOperation.Reserve;
import org.rsvpconsole.engine.scenario.ScenarioOperation.StartSender;
import org.rsvpconsole.engine.scenario.ScenarioOperation.TearDown;
import org.rsvpconsole.engine.api.ReservationStyle;

/**
 * A scenario: timed operations on a topology (docs/scenario-format.md), for the {@code simulate} command and tests.
 *
 * @param file        the file as the user named it (for messages)
 * @param name        a title
 * @param description free text
 * @param topology    the topology file as written, relative to the scenario file; empty when not said
 * @param seed        the seed of every random choice the scenario makes (call generators)
 * @param operations  in time order; operations at the same time in file order
 * @param aggregates  the aggregates of RFC 3175 aggregation regions, set up at the start
 * @param withoutRfc4495 nodes that do not implement RFC 4495 (reservation reduction)
 */
public record Scenario(String file, String name, String description, Optional<String> topology, long seed,
                       List<ScenarioOperation> operations, List<AggregateSpec> aggregates,
                       List<String> withoutRfc4495) {

    /** A scenario without aggregation regions in which every node implements RFC 4495. */
    public Scenario(String file, String name, String description, Optional<String> topology, long seed,
                    List<ScenarioOperation> operations) {
        this(file, name, description, topology, seed, operations, List.of(), List.of());
    }

    public Scenario {
        aggregates = List.copyOf(aggregates);
        withoutRfc4495 = List.copyOf(withoutRfc4495);
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(topology, "topology");
        List<ScenarioOperation> sorted = new ArrayList<>(operations);
        sorted.sort(Comparator.comparingLong(ScenarioOperation::atNanos)); // stable
        operations = List.copyOf(sorted);
    }

    /** The topology file, resolved against the directory of {@code scenarioFile}. */
    public Optional<Path> topologyPath(Path scenarioFile) {
        Path dir = scenarioFile.toAbsolutePath().getParent();
        return topology.map(t -> dir == null ? Path.of(t) : dir.resolve(t));
    }

    /** When the last operation happens (0 for an empty scenario), with generated calls expanded. */
    public long endNanos() {
        List<ScenarioOperation> all = expand();
        return all.isEmpty() ? 0 : all.get(all.size() - 1).atNanos();
    }

    /**
     * The operations with every {@link Calls} generator replaced by what it generates, in time order. The same
     * scenario (same seed) always expands the same way.
     */
    public List<ScenarioOperation> expand() {
        List<ScenarioOperation> out = new ArrayList<>();
        for (ScenarioOperation op : operations) {
            if (op instanceof Calls c) {
                // One stream per generator, so adding a generator does not change the calls of another.
                out.addAll(expand(c, new SplittableRandom(seed * 31 + c.line())));
            } else {
                out.add(op);
            }
        }
        out.sort(Comparator.comparingLong(ScenarioOperation::atNanos));
        return List.copyOf(out);
    }

    private static List<ScenarioOperation> expand(Calls c, SplittableRandom random) {
        List<ScenarioOperation> out = new ArrayList<>();
        for (int i = 0; i < c.count(); i++) {
            int a = random.nextInt(c.between().size());
            int b = random.nextInt(c.between().size() - 1);
            if (b >= a) {
                b++;
            }
            long start = c.atNanos() + i * c.everyNanos();
            long span = c.maxDurationNanos() - c.minDurationNanos();
            long duration = c.minDurationNanos() + (span == 0 ? 0 : random.nextLong(span + 1));
            duration = Math.max(c.minDurationNanos(), duration / 1_000_000 * 1_000_000); // whole milliseconds
            int port = c.firstPort() + 2 * i;
            String caller = c.between().get(a);
            String callee = c.between().get(b);
            addFlow(out, c, caller, callee, port, start, duration);
            if (c.bothWays()) {
                addFlow(out, c, callee, caller, port, start, duration);
            }
        }
        return out;
    }

    private static void addFlow(List<ScenarioOperation> out, Calls c, String from, String to, int port, long start,
                                long duration) {
        SessionRef session = SessionRef.toNode(to, port, c.protocol());
        out.add(new StartSender(start, c.line(), from, session, port, c.tspec()));
        out.add(new Reserve(start + c.answerNanos(), c.line(), to, session, ReservationStyle.FF, c.flow(),
            List.of(new SenderRef(from, port)), c.priority()));
        out.add(new Release(start + duration, c.line(), to, session));
        out.add(new TearDown(start + duration, c.line(), from, session, port));
    }
}
