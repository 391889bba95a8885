package org.rsvpconsole.engine.topology;

import java.util.List;
import java.util.Objects;

/**
 * A point-to-point link between two interfaces of two different nodes.
 *
 * @param index position in {@link Topology#links()} (dense, from 0)
 * @param name unique name, by default {@code A-B} after its ends ({@code A-B#2} for a parallel link)
 * @param forward the direction from the first end ({@link #a()}) to the second ({@link #b()})
 * @param reverse the direction from the second end to the first
 * @param metric routing cost, the same both ways (positive; default 1)
 * @param initiallyUp whether the link starts up; the live state is in the virtual network
 */
public record Link(int index, String name, LinkDirection forward, LinkDirection reverse, int metric,
                   boolean initiallyUp) {

    public Link {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(forward, "forward");
        Objects.requireNonNull(reverse, "reverse");
        if (!forward.from().equals(reverse.to()) || !forward.to().equals(reverse.from())) {
            throw new IllegalArgumentException("link " + name + ": the two directions must join the same interfaces");
        }
        if (forward.from().node().equals(forward.to().node())) {
            throw new IllegalArgumentException("link " + name + " joins " + forward.from().node() + " to itself");
        }
        if (metric < 1) {
            throw new IllegalArgumentException("link " + name + ": metric must be positive: " + metric);
        }
    }

    /** The first end. */
    public Interface a() {
        return forward.from();
    }

    /** The second end. */
    public Interface b() {
        return forward.to();
    }

    public List<Interface> ends() {
        return List.of(a(), b());
    }

    /** The direction that leaves through {@code from}. */
    public LinkDirection direction(Interface from) {
        if (from.equals(a())) {
            return forward;
        }
        if (from.equals(b())) {
            return reverse;
        }
        throw new IllegalArgumentException(from + " is not an end of link " + name);
    }

    /** The end opposite {@code end}. */
    public Interface other(Interface end) {
        return direction(end).to();
    }

    @Override
    public String toString() {
        return name;
    }
}
