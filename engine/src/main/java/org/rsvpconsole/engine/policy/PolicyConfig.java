package org.rsvpconsole.engine.policy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.rsvpconsole.engine.codec.SenderId;
import org.rsvpconsole.engine.codec.Session;

/**
 * A node's local policies, in the order they are tried: higher {@link PolicyRule#priority()} first, equal
 * priorities in the order given. Policy names are unique.
 */
public record PolicyConfig(List<PolicyRule> rules) {

    /** No policies: every request is accepted unchanged. */
    public static final PolicyConfig NONE = new PolicyConfig(List.of());

    public PolicyConfig {
        List<PolicyRule> sorted = new ArrayList<>(rules);
        sorted.sort(Comparator.comparingInt(PolicyRule::priority).reversed()); // stable: file order within a priority
        Set<String> names = new HashSet<>();
        for (PolicyRule r : sorted) {
            if (!names.add(r.name())) {
                throw new IllegalArgumentException("policy name '" + r.name() + "' is used twice; give each policy"
                    + " its own name");
            }
        }
        rules = List.copyOf(sorted);
    }

    /** The first policy, in trial order, whose match covers the request. */
    public Optional<PolicyRule> find(Session session, List<SenderId> senders) {
        for (PolicyRule r : rules) {
            if (r.match().matches(session, senders)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
