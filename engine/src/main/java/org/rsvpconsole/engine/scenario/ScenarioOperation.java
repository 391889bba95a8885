package org.rsvpconsole.engine.scenario;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.rsvpconsole.engine.api.ReservationStyle;
import org.rsvpconsole.engine.codec.TokenBucket;

/**
 * One timed operation of a scenario (docs/scenario-format.md). Every operation has its time from the scenario's
 * start and the line of the file it was written on, so that what happens when it runs can be traced to the file.
 */
public sealed interface ScenarioOperation {

    /** When, in nanoseconds from the start of the scenario. */
    long atNanos();

    /** The line of the scenario file (0 for operations a generator made without a line of their own). */
    int line();

    /** The keyword the file uses for this operation. */
    String keyword();

    /** A sender starts: it sends Path for the session with its TSpec (RAPI sender call). */
    record StartSender(long atNanos, int line, String host, SessionRef session, int sourcePort, TokenBucket tspec)
        implements ScenarioOperation {

        public StartSender {
            check(atNanos, host, session);
            Objects.requireNonNull(tspec, "tspec");
        }

        @Override
        public String keyword() {
            return "sender";
        }

        public SenderRef sender() {
            return new SenderRef(host, sourcePort);
        }
    }

    /** A sender changes its TSpec: a Path with the new SENDER_TSPEC. */
    record ChangeTspec(long atNanos, int line, String host, SessionRef session, int sourcePort, TokenBucket tspec)
        implements ScenarioOperation {

        public ChangeTspec {
            check(atNanos, host, session);
            Objects.requireNonNull(tspec, "tspec");
        }

        @Override
        public String keyword() {
            return "change-tspec";
        }
    }

    /** A sender stops: PathTear. */
    record TearDown(long atNanos, int line, String host, SessionRef session, int sourcePort)
        implements ScenarioOperation {

        public TearDown {
            check(atNanos, host, session);
        }

        @Override
        public String keyword() {
            return "teardown";
        }
    }

    /**
     * A receiver reserves, or changes its reservation: Resv with the style, the flowspec and, for FF and SE, the
     * senders as filters (empty for WF).
     */
    record Reserve(long atNanos, int line, String receiver, SessionRef session, ReservationStyle style,
                   FlowRequest flow, List<SenderRef> filters, Optional<Preemption> priority)
        implements ScenarioOperation {

        public Reserve {
            check(atNanos, receiver, session);
            Objects.requireNonNull(style, "style");
            Objects.requireNonNull(flow, "flow");
            Objects.requireNonNull(priority, "priority");
            filters = List.copyOf(filters);
            if (style == ReservationStyle.WF && !filters.isEmpty()) {
                throw new IllegalArgumentException("a WF reservation selects every sender; it takes no filters");
            }
            if (style != ReservationStyle.WF && filters.isEmpty()) {
                throw new IllegalArgumentException("an " + style + " reservation names its senders in filters");
            }
        }

        @Override
        public String keyword() {
            return "reserve";
        }
    }

    /** A receiver releases its reservation: ResvTear. */
    record Release(long atNanos, int line, String receiver, SessionRef session) implements ScenarioOperation {

        public Release {
            check(atNanos, receiver, session);
        }

        @Override
        public String keyword() {
            return "release";
        }
    }

    /** A link fails (both directions); routes change. */
    record LinkDown(long atNanos, int line, LinkRef link) implements ScenarioOperation {

        public LinkDown {
            check(atNanos, "link", link);
        }

        @Override
        public String keyword() {
            return "link-down";
        }
    }

    /** A link comes back. */
    record LinkUp(long atNanos, int line, LinkRef link) implements ScenarioOperation {

        public LinkUp {
            check(atNanos, "link", link);
        }

        @Override
        public String keyword() {
            return "link-up";
        }
    }

    /**
     * A generator of calls: {@code count} calls, one every {@code every}, each between two different nodes picked
     * from {@code between} with the scenario's seed, lasting a duration drawn from [min, max]; {@link
     * Scenario#expand()} turns it into senders, reservations, releases and teardowns.
     *
     * @param name           what the calls are called in logs ({@code call-7})
     * @param firstPort      call i uses destination and source port {@code firstPort + 2i} (RTP's even ports)
     * @param answerNanos    how long after the senders start the receivers reserve (Path must arrive first)
     * @param bothWays       whether each call is two one-way flows, as voice is (RFC 4495 §2)
     */
    record Calls(long atNanos, int line, String name, int count, long everyNanos, long minDurationNanos,
                 long maxDurationNanos, List<String> between, int firstPort, int protocol, TokenBucket tspec,
                 FlowRequest flow, boolean bothWays, long answerNanos, Optional<Preemption> priority)
        implements ScenarioOperation {

        public Calls {
            check(atNanos, name, tspec);
            Objects.requireNonNull(flow, "flow");
            Objects.requireNonNull(priority, "priority");
            between = List.copyOf(between);
            if (count < 1) {
                throw new IllegalArgumentException("count must be at least 1: " + count);
            }
            if (everyNanos < 0 || minDurationNanos <= 0 || maxDurationNanos < minDurationNanos || answerNanos < 0) {
                throw new IllegalArgumentException("every >= 0, 0 < min duration <= max duration, answer >= 0");
            }
            if (between.size() < 2) {
                throw new IllegalArgumentException("calls need at least two nodes to pick from");
            }
            if (firstPort < 1 || firstPort + 2L * (count - 1) > 0xffff) {
                throw new IllegalArgumentException(count + " calls from port " + firstPort + " need ports up to "
                    + (firstPort + 2L * (count - 1)) + ", beyond 65535: lower 'port' or 'count'");
            }
        }

        @Override
        public String keyword() {
            return "calls";
        }
    }

    private static void check(long atNanos, Object a, Object b) {
        if (atNanos < 0) {
            throw new IllegalArgumentException("time must not be negative: " + atNanos);
        }
        Objects.requireNonNull(a);
        Objects.requireNonNull(b);
    }
}
