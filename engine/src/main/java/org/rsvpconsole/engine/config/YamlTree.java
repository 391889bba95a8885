package org.rsvpconsole.engine.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * The shared reading of the YAML files operators write (topology, scenario, policy; decision 0004): the text is
 * composed into snakeyaml-engine's node tree, which keeps line numbers, and each loader interprets every scalar
 * itself, so no YAML type magic applies. Problems are collected here, with file, line and context, and reported
 * together sorted by line. One instance reads one file.
 */
public final class YamlTree {

    private final String file;
    private final String mergeKeyHint;
    private final List<ConfigProblem> problems = new ArrayList<>();

    /**
     * @param file         the file as the user named it
     * @param mergeKeyHint what to write instead of a YAML merge key ({@code <<}), e.g. "put shared link settings
     *                     under 'defaults:'"
     */
    public YamlTree(String file, String mergeKeyHint) {
        this.file = file;
        this.mergeKeyHint = mergeKeyHint;
    }

    public String file() {
        return file;
    }

    /**
     * Reads a UTF-8 file; on failure records why (no such file, a directory, not UTF-8, permission) and returns
     * empty. {@code what} names the expected file in the hint, e.g. "a topology file (.yaml)".
     */
    public Optional<String> readFile(Path path, String what) {
        if (Files.isDirectory(path)) {
            problem(0, "", "is a directory; give the path of " + what);
            return Optional.empty();
        }
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(path)))
                .toString());
        } catch (NoSuchFileException e) {
            problem(0, "", "no such file; check the path (examples are in examples/)");
        } catch (CharacterCodingException e) {
            problem(0, "", "is not UTF-8 text; save it as UTF-8");
        } catch (AccessDeniedException e) {
            problem(0, "", "permission denied; check who may read the file");
        } catch (IOException e) {
            problem(0, "", "cannot be read: " + e.getMessage());
        }
        return Optional.empty();
    }

    /**
     * Composes the text into a node tree; on a syntax error or an empty file records the problem and returns
     * empty. {@code whatItNeeds} completes "the file is empty; ..." (e.g. "a topology needs 'nodes:'").
     */
    public Optional<Node> compose(String yaml, String whatItNeeds) {
        LoadSettings settings = LoadSettings.builder().setLabel(file).setAllowDuplicateKeys(true)
            .setMaxAliasesForCollections(50).setCodePointLimit(16 * 1024 * 1024).build();
        Optional<Node> root;
        try {
            root = new Compose(settings).composeString(yaml);
        } catch (MarkedYamlEngineException e) {
            int line = e.getProblemMark().or(e::getContextMark).map(m -> m.getLine() + 1).orElse(0);
            problem(line, "", "YAML syntax: " + e.getProblem() + " (check the indentation, and that each"
                + " 'key: value' has a space after the colon)");
            return Optional.empty();
        } catch (YamlEngineException e) {
            problem(0, "", "YAML: " + e.getMessage());
            return Optional.empty();
        }
        if (root.isEmpty()) {
            problem(0, "", "the file is empty; " + whatItNeeds);
        }
        return root;
    }

    /** Records a problem. */
    public void problem(int line, String context, String message) {
        problems.add(new ConfigProblem(file, line, context, message));
    }

    public boolean hasProblems() {
        return !problems.isEmpty();
    }

    /** The problems so far, sorted by line (stable: problems on one line keep their order). */
    public List<ConfigProblem> problems() {
        List<ConfigProblem> sorted = new ArrayList<>(problems);
        sorted.sort(Comparator.comparingInt(ConfigProblem::line));
        return sorted;
    }

    /** The 1-based line where {@code n} starts, 0 when unknown. */
    public static int lineOf(Node n) {
        return n.getStartMark().map(Mark::getLine).map(l -> l + 1).orElse(0);
    }

    /** Whether {@code n} is an empty value ({@code key:} with nothing after it, or {@code ~}). */
    public static boolean isNull(Node n) {
        return n instanceof ScalarNode s && s.getTag().equals(Tag.NULL);
    }

    /** Runs {@code action}, reporting its {@link IllegalArgumentException} as a problem of {@code key}. */
    public void apply(int line, String context, String key, Runnable action) {
        try {
            action.run();
        } catch (IllegalArgumentException e) {
            problem(line, context, "key '" + key + "': " + e.getMessage());
        }
    }

    /** The parsed value, or empty when it does not parse (for checks whose value was reported where it was read). */
    public static <T> Optional<T> quiet(Function<String, T> parser, String text) {
        try {
            return Optional.of(parser.apply(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** {@code true/yes} or {@code false/no}, in any case. */
    public static boolean parseBoolean(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "true", "yes" -> true;
            case "false", "no" -> false;
            default -> throw new IllegalArgumentException("'" + text + "' is not true or false");
        };
    }

    /** A whole number in {@code [min, max]}; the message names {@code what} and the range. */
    public static long parseLong(String text, String what, long min, long max) {
        long v;
        try {
            v = Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a whole number; " + what + " is a whole number"
                + " from " + min + " to " + max);
        }
        if (v < min || v > max) {
            throw new IllegalArgumentException(what + " " + v + " is out of range; use " + min + " to " + max);
        }
        return v;
    }

    /**
     * Reads a mapping of plain names to values ({@code profiles:}, {@code sessions:}, {@code nodes:}...), one
     * {@code entry} call a name: a node that is not a mapping ({@code notMapping}) or a name that is not a plain
     * scalar ({@code notName}) is reported under {@code context} instead.
     */
    public void forEachNamed(Node n, String context, String notMapping, String notName,
        BiConsumer<ScalarNode, Node> entry) {
        if (!(n instanceof MappingNode map)) {
            problem(lineOf(n), context, notMapping);
            return;
        }
        for (NodeTuple t : map.getValue()) {
            if (t.getKeyNode() instanceof ScalarNode k) {
                entry.accept(k, t.getValueNode());
            } else {
                problem(lineOf(t.getKeyNode()), context, notName);
            }
        }
    }

    /**
     * A checked view of a mapping: unknown, duplicate and merge keys are reported; null (after reporting) when
     * {@code n} is not a mapping.
     */
    public Section section(Node n, String context, Set<String> allowed, String what) {
        if (!(n instanceof MappingNode map)) {
            problem(lineOf(n), context, what + " must be a mapping of keys (" + String.join(", ",
                allowed.stream().sorted().toList()) + ")");
            return null;
        }
        return new Section(map, context, allowed);
    }

    /** A mapping whose unknown and duplicate keys have been reported. */
    public final class Section {
        private final String context;
        private final int line;
        private final Map<String, NodeTuple> entries = new LinkedHashMap<>();

        Section(MappingNode map, String context, Set<String> allowed) {
            this.context = context;
            this.line = lineOf(map);
            for (NodeTuple t : map.getValue()) {
                int keyLine = lineOf(t.getKeyNode());
                if (!(t.getKeyNode() instanceof ScalarNode k)) {
                    problem(keyLine, context, "keys must be plain words like 'bandwidth'");
                    continue;
                }
                String key = k.getValue();
                if (key.equals("<<")) {
                    problem(keyLine, context, "YAML merge keys ('<<') are not supported; " + mergeKeyHint);
                } else if (!allowed.contains(key)) {
                    problem(keyLine, context, "unknown key '" + key + "'" + Names.didYouMean(key, allowed)
                        + " (known keys: " + String.join(", ", allowed.stream().sorted().toList()) + ")");
                } else if (entries.containsKey(key)) {
                    problem(keyLine, context, "key '" + key + "' appears twice (first on line "
                        + lineOf(entries.get(key).getKeyNode()) + "); keep one");
                } else {
                    entries.put(key, t);
                }
            }
        }

        /** What problems of this mapping are about, e.g. {@code link R1-R2}. */
        public String context() {
            return context;
        }

        /** The line where the mapping starts. */
        public int line() {
            return line;
        }

        /** The keys present (known ones only), in file order. */
        public Set<String> keys() {
            return entries.keySet();
        }

        public boolean has(String key) {
            return entries.containsKey(key);
        }

        /** The line of {@code key}, or 0 when the key is absent. */
        public int line(String key) {
            NodeTuple t = entries.get(key);
            return t == null ? 0 : lineOf(t.getKeyNode());
        }

        public Optional<Node> get(String key) {
            NodeTuple t = entries.get(key);
            return t == null ? Optional.empty() : Optional.of(t.getValueNode());
        }

        /** A single value; reports a list or mapping, and treats an empty value as absent. */
        public Optional<String> scalar(String key) {
            NodeTuple t = entries.get(key);
            if (t == null) {
                return Optional.empty();
            }
            if (t.getValueNode() instanceof ScalarNode s) {
                return s.getTag().equals(Tag.NULL) ? Optional.empty() : Optional.of(s.getValue());
            }
            problem(line(key), context, "key '" + key + "' must be a single value, not a list or mapping");
            entries.remove(key); // report once
            return Optional.empty();
        }

        /** A single value or a list of single values. */
        public List<ScalarNode> scalars(String key) {
            NodeTuple t = entries.get(key);
            if (t == null) {
                return List.of();
            }
            if (t.getValueNode() instanceof ScalarNode s) {
                return s.getTag().equals(Tag.NULL) ? List.of() : List.of(s);
            }
            List<ScalarNode> out = new ArrayList<>();
            if (t.getValueNode() instanceof SequenceNode seq) {
                for (Node item : seq.getValue()) {
                    if (item instanceof ScalarNode s) {
                        out.add(s);
                    } else {
                        problem(lineOf(item), context, "key '" + key + "' lists single values, like [192.0.2.1]");
                    }
                }
                return out;
            }
            problem(line(key), context, "key '" + key + "' must be a value or a list of values");
            return List.of();
        }

        /** Runs {@code action} on the value, reporting its failure at the key's line. */
        public void apply(String key, String value, Consumer<String> action) {
            try {
                action.accept(value);
            } catch (IllegalArgumentException e) {
                problem(line(key), context, "key '" + key + "': " + e.getMessage());
            }
        }

        /** Parses the value of {@code key} if present; a failure is reported at the key's line and gives empty. */
        public <T> Optional<T> parse(String key, Function<String, T> parser) {
            Optional<String> v = scalar(key);
            if (v.isEmpty()) {
                return Optional.empty();
            }
            try {
                return Optional.of(parser.apply(v.get()));
            } catch (IllegalArgumentException e) {
                problem(line(key), context, "key '" + key + "': " + e.getMessage());
                return Optional.empty();
            }
        }

        /** Like {@link #parse} for a key that must be there; its absence is reported with {@code example}. */
        public <T> Optional<T> require(String key, Function<String, T> parser, String example) {
            if (!has(key) || isNull(entries.get(key).getValueNode())) {
                problem(line, context, "key '" + key + "' is missing; add it, like '" + example + "'");
                return Optional.empty();
            }
            return parse(key, parser);
        }
    }
}
