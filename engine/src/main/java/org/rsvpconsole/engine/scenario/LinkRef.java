package org.rsvpconsole.engine.scenario;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A link as a scenario names it: by its name in the topology ({@code R1-R2}, or the name the topology gave it), or
 * by its two end nodes.
 *
 * @param name the link's name, if given so
 * @param ends the two end nodes, if given so (empty otherwise)
 */
public record LinkRef(Optional<String> name, List<String> ends) {

    public LinkRef {
        Objects.requireNonNull(name, "name");
        ends = List.copyOf(ends);
        if (name.isPresent() == (ends.size() == 2) || !(ends.isEmpty() || ends.size() == 2)) {
            throw new IllegalArgumentException("a link is given by its name or by its two ends");
        }
    }

    public static LinkRef named(String linkName) {
        return new LinkRef(Optional.of(linkName), List.of());
    }

    public static LinkRef between(String a, String b) {
        return new LinkRef(Optional.empty(), List.of(a, b));
    }

    @Override
    public String toString() {
        return name.orElseGet(() -> "[" + ends.get(0) + ", " + ends.get(1) + "]");
    }
}
