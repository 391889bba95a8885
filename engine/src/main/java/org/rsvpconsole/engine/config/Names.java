package org.rsvpconsole.engine.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** How error messages name things: short lists of known names and "did you mean" suggestions. */
public final class Names {

    private static final Pattern PREFIX_NUMBER = Pattern.compile("(.*?)([0-9]+)");
    private static final int MAX_LISTED = 12;

    private Names() {
    }

    /**
     * Lists names compactly, runs of numbered names as ranges: {@code H1, H2, R1..R8}; long lists end with
     * {@code ... (40 in all)}.
     */
    public static String summarize(Collection<String> names) {
        if (names.isEmpty()) {
            return "none";
        }
        List<String> sorted = new ArrayList<>(names);
        sorted.sort(Comparator.comparing(Names::prefix).thenComparingLong(Names::number)
            .thenComparing(Comparator.naturalOrder()));
        List<String> parts = new ArrayList<>();
        int i = 0;
        while (i < sorted.size()) {
            int j = i;
            while (j + 1 < sorted.size() && number(sorted.get(j)) >= 0
                && prefix(sorted.get(j + 1)).equals(prefix(sorted.get(j)))
                && number(sorted.get(j + 1)) == number(sorted.get(j)) + 1) {
                j++;
            }
            if (j - i >= 2) {
                parts.add(sorted.get(i) + ".." + sorted.get(j));
            } else {
                for (int k = i; k <= j; k++) {
                    parts.add(sorted.get(k));
                }
            }
            i = j + 1;
        }
        if (parts.size() > MAX_LISTED) {
            return String.join(", ", parts.subList(0, MAX_LISTED)) + ", ... (" + names.size() + " in all)";
        }
        return String.join(", ", parts);
    }

    /** The known name closest to {@code wrong}, if it is close enough to be a typo. */
    public static Optional<String> closest(String wrong, Collection<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : known) {
            int d = distance(wrong.toLowerCase(Locale.ROOT), k.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = k;
                bestDistance = d;
            }
        }
        int allowed = Math.max(1, Math.min(3, wrong.length() / 3));
        return bestDistance <= allowed ? Optional.of(best) : Optional.empty();
    }

    /** "; did you mean 'x'?" or "". */
    public static String didYouMean(String wrong, Collection<String> known) {
        // R9 for R1..R8 is a wrong number, not a typo of R1: the list of names says more than a guess.
        boolean numbered = wrong.chars().anyMatch(Character::isDigit);
        return closest(wrong, known)
            .filter(k -> !(numbered && k.replaceAll("[0-9]", "").equals(wrong.replaceAll("[0-9]", ""))))
            .map(k -> "; did you mean '" + k + "'?").orElse("");
    }

    private static String prefix(String s) {
        Matcher m = PREFIX_NUMBER.matcher(s);
        return m.matches() ? m.group(1) : s;
    }

    private static long number(String s) {
        Matcher m = PREFIX_NUMBER.matcher(s);
        if (!m.matches() || m.group(2).length() > 18 || (m.group(2).length() > 1 && m.group(2).startsWith("0"))) {
            return -1;
        }
        return Long.parseLong(m.group(2));
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
