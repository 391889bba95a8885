package org.rsvpconsole.engine.virtualnet;

import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.rsvpconsole.engine.time.Scheduler;
import org.rsvpconsole.engine.topology.Interface;
import org.rsvpconsole.engine.topology.Link;
import org.rsvpconsole.engine.topology.LinkDirection;

/**
 * A link of the virtual network carrying datagrams both ways: each direction delays every datagram by its
 * propagation delay (so arrivals keep sending order), loses it with its loss probability, and drops everything
 * while the link is down, including datagrams in flight when it goes down. Delivery is a task on the
 * {@link Scheduler}; nothing here knows RSVP.
 *
 * <p>Losses come from a pseudo-random stream per direction seeded from the network seed and the link, so a run
 * is repeatable and traffic on one link does not change which datagrams another link loses. Single-threaded like
 * its scheduler.
 */
public final class SimulatedLink {

    private final Link link;
    private final Scheduler scheduler;
    private final Direction forward;
    private final Direction reverse;
    private boolean up;

    /**
     * @param seed the network's seed; each direction derives its own loss stream from it and the link's index
     */
    public SimulatedLink(Link link, Scheduler scheduler, long seed) {
        this.link = Objects.requireNonNull(link, "link");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.forward = new Direction(link.forward(), streamSeed(seed, link.index(), 0));
        this.reverse = new Direction(link.reverse(), streamSeed(seed, link.index(), 1));
        this.up = link.initiallyUp();
    }

    private static long streamSeed(long seed, int linkIndex, int direction) {
        return new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (2L * linkIndex + direction + 1))).nextLong();
    }

    public Link link() {
        return link;
    }

    /** Sets who receives the datagrams that arrive at {@code end} (one of this link's interfaces). */
    public void connect(Interface end, DatagramSink sink) {
        towards(end).sink = Objects.requireNonNull(sink, "sink");
    }

    /**
     * Sends a copy of {@code datagram} out of {@code from} toward the other end.
     *
     * @throws IllegalArgumentException if {@code from} is not an end of this link
     */
    public void send(Interface from, byte[] datagram) {
        from(from).send(Arrays.copyOf(datagram, datagram.length));
    }

    public boolean isUp() {
        return up;
    }

    /** Brings the link up or down. Going down drops the datagrams in flight both ways. */
    public void setUp(boolean isUp) {
        if (up && !isUp) {
            forward.epoch++;
            reverse.epoch++;
        }
        up = isUp;
    }

    /** The counters of the direction leaving through {@code from}. */
    public LinkCounters counters(Interface from) {
        Direction d = from(from);
        return new LinkCounters(d.sent, d.delivered, d.lost, d.droppedDown);
    }

    private Direction from(Interface end) {
        if (end.equals(link.a())) {
            return forward;
        }
        if (end.equals(link.b())) {
            return reverse;
        }
        throw new IllegalArgumentException(end + " is not an end of link " + link.name());
    }

    private Direction towards(Interface end) {
        return from(link.other(end));
    }

    @Override
    public String toString() {
        return "SimulatedLink[" + link.name() + (up ? ", up" : ", down") + "]";
    }

    /** One direction and its counters. */
    private final class Direction {
        private final LinkDirection spec;
        private final RandomGenerator random;
        private DatagramSink sink;
        private long epoch;
        private long sent;
        private long delivered;
        private long lost;
        private long droppedDown;

        Direction(LinkDirection spec, long seed) {
            this.spec = spec;
            this.random = new SplittableRandom(seed);
        }

        void send(byte[] datagram) {
            sent++;
            if (!up) {
                droppedDown++;
                return;
            }
            // Draw only on lossy links, so adding loss to one link leaves the others' streams alone.
            if (spec.lossProbability() > 0 && random.nextDouble() < spec.lossProbability()) {
                lost++;
                return;
            }
            long sentInEpoch = epoch;
            scheduler.schedule(spec.delayNanos(), () -> arrive(datagram, sentInEpoch));
        }

        private void arrive(byte[] datagram, long sentInEpoch) {
            if (!up || sentInEpoch != epoch) {
                droppedDown++;
                return;
            }
            delivered++;
            if (sink != null) {
                sink.receive(spec.to(), datagram);
            }
        }
    }
}
