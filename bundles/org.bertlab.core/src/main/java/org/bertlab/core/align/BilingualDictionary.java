package org.bertlab.core.align;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.commons.lang3.StringUtils;
import org.apache.commons.lang3.Validate;

/**
 * Word pairs source → target, several targets per source allowed, in the format of the MUSE dictionaries (Conneau
 * et al., "Word translation without parallel data", ICLR 2018): UTF-8, one pair per line, source and target
 * separated by a tab or by spaces. With a tab the two sides may contain spaces (phrases); without one, the line
 * must have exactly two space-separated fields. Blank lines are ignored; a line with only one field is skipped and
 * counted ({@link #skippedLines()}); a dictionary without any pair is an error.
 */
public final class BilingualDictionary {

    /**
     * One pair.
     *
     * @param source source-language word
     * @param target target-language word
     * @param line 1-based line in the file, 0 when built in code
     */
    public record Pair(String source, String target, int line) {
    }

    private final List<Pair> pairs;

    private final List<String> skippedLines;

    private final String name;

    private BilingualDictionary(final List<Pair> pairs, final List<String> skippedLines, final String name) {
        this.pairs = List.copyOf(pairs);
        this.skippedLines = List.copyOf(skippedLines);
        this.name = name;
    }

    /** A dictionary from pairs built in code; duplicates are dropped. */
    public static BilingualDictionary of(final List<Pair> pairs) {
        Validate.isTrue(!pairs.isEmpty(), "The dictionary is empty: it needs at least one source-target pair.");
        return new BilingualDictionary(new ArrayList<>(new LinkedHashSet<>(pairs)), List.of(), "dictionary");
    }

    /** Shorthand for tests and examples: {@code of("cat", "猫", "dog", "狗")}. */
    public static BilingualDictionary of(final String... sourceTargetPairs) {
        Validate.isTrue(sourceTargetPairs.length % 2 == 0, "Give source and target words in pairs.");
        final List<Pair> pairs = new ArrayList<>();
        for (int i = 0; i < sourceTargetPairs.length; i += 2) {
            pairs.add(new Pair(sourceTargetPairs[i], sourceTargetPairs[i + 1], 0));
        }
        return of(pairs);
    }

    public static BilingualDictionary read(final Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new DictionaryFormatException(file + ": no such dictionary file.");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        }
    }

    /** Reads a dictionary; {@code source} names it in messages. */
    public static BilingualDictionary read(final InputStream in, final String source) throws IOException {
        // Decoded line by line (not through a reader, which decodes ahead) so a bad byte is reported at its line.
        final byte[] bytes = in.readAllBytes();
        final var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
        final Set<Pair> seen = new LinkedHashSet<>();
        final List<Pair> pairs = new ArrayList<>();
        final List<String> skipped = new ArrayList<>();
        int lineNumber = 0;
        int start = 0;
        while (start < bytes.length) {
            int end = start;
            while (end < bytes.length && bytes[end] != '\n') {
                end++;
            }
            lineNumber++;
            String line;
            try {
                line = decoder.decode(ByteBuffer.wrap(bytes, start, end - start)).toString();
            } catch (CharacterCodingException e) {
                throw new DictionaryFormatException(source + ", line " + lineNumber + ": not valid UTF-8.", e);
            }
            start = end + 1;
            line = StringUtils.removeEnd(line, "\r");
            if (lineNumber == 1) {
                line = StringUtils.removeStart(line, "\uFEFF");
            }
            if (StringUtils.isBlank(line)) {
                continue;
            }
            final String[] fields = split(line);
            if (fields.length > 2) {
                throw new DictionaryFormatException(source + ", line " + lineNumber + ": " + fields.length
                    + " space-separated fields where source and target were expected ('"
                    + StringUtils.abbreviate(line.strip(), 60) + "'); separate phrases with a tab.");
            }
            if (fields.length < 2 || fields[0].isEmpty() || fields[1].isEmpty()) {
                skipped.add(source + ", line " + lineNumber + ": missing " + (fields[0].isEmpty() ? "source"
                    : "target") + " word");
                continue;
            }
            final Pair pair = new Pair(fields[0], fields[1], lineNumber);
            if (seen.add(new Pair(pair.source(), pair.target(), 0))) {
                pairs.add(pair);
            }
        }
        if (pairs.isEmpty()) {
            throw new DictionaryFormatException(source + ": the dictionary is empty (no line with a source and a "
                + "target word" + (skipped.isEmpty() ? "" : "; " + skipped.size() + " lines miss a word") + ").");
        }
        return new BilingualDictionary(pairs, skipped, source);
    }

    private static String[] split(final String line) {
        final int tab = line.indexOf('\t');
        if (tab >= 0) {
            return new String[]{line.substring(0, tab).strip(), line.substring(tab + 1).strip()};
        }
        final String[] fields = StringUtils.split(line.strip());
        return fields.length == 1 ? new String[]{fields[0], ""} : fields;
    }

    public List<Pair> pairs() {
        return pairs;
    }

    /** Lines skipped for a missing word, each with file and line number. */
    public List<String> skippedLines() {
        return skippedLines;
    }

    public String name() {
        return name;
    }

    /** Distinct source words in file order. */
    public List<String> sources() {
        return List.copyOf(targetsBySource().keySet());
    }

    /** Distinct target words in file order. */
    public List<String> targets() {
        final Set<String> targets = new LinkedHashSet<>();
        pairs.forEach(p -> targets.add(p.target()));
        return List.copyOf(targets);
    }

    /** The correct targets of each source word. */
    public Map<String, Set<String>> targetsBySource() {
        final Map<String, Set<String>> map = new LinkedHashMap<>();
        for (final Pair p : pairs) {
            map.computeIfAbsent(p.source(), k -> new LinkedHashSet<>()).add(p.target());
        }
        map.replaceAll((k, v) -> Collections.unmodifiableSet(v));
        return Collections.unmodifiableMap(map);
    }

    /** The target → source dictionary. */
    public BilingualDictionary reversed() {
        final List<Pair> reversed = pairs.stream().map(p -> new Pair(p.target(), p.source(), p.line())).toList();
        return new BilingualDictionary(reversed, skippedLines, name);
    }

    public int size() {
        return pairs.size();
    }
}
