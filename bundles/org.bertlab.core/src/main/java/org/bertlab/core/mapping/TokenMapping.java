package org.bertlab.core.mapping;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.apache.commons.lang3.Validate;

/**
 * A one-to-one map from the symbols of another discipline to tokens of a language model's vocabulary, with the
 * {@link SymbolTokenizer} that makes the symbols and an {@link UnknownSymbolPolicy}. Mapping a non-text
 * sequence onto existing vocabulary tokens lets a pre-trained text model read it through its own embeddings
 * (cross-discipline transfer, Papadimitriou &amp; Jurafsky 2020; Chiang &amp; Lee 2022). One-to-one matters: two
 * symbols sharing a token would be indistinguishable to the model.
 *
 * <p>Three constructions: a given table ({@link #fromTable}); a seeded random assignment over candidate tokens
 * ({@link #random}), the usual control condition; and frequency-rank matching ({@link #byFrequency}), which
 * gives the most frequent symbol the first of a ranked token list (e.g. tokens ordered by corpus frequency) so
 * that the symbol statistics resemble the text statistics the model was trained on.
 *
 * <p>All constructions are deterministic: symbols are ordered explicitly (by symbol, or by rank) and never by
 * hash order.
 */
public final class TokenMapping {

    private final SymbolTokenizer tokenizer;
    private final Map<String, String> table;
    private final UnknownSymbolPolicy unknownPolicy;

    /** All constructions end here; the table has been validated entry by entry. */
    private TokenMapping(MappingTable table, UnknownSymbolPolicy unknownPolicy) {
        table.checkPolicy(unknownPolicy);
        this.tokenizer = table.tokenizer();
        this.table = table.asMap();
        this.unknownPolicy = unknownPolicy;
    }

    private static TokenMapping of(SymbolTokenizer tokenizer, List<Map.Entry<String, String>> entries,
            UnknownSymbolPolicy unknownPolicy) {
        MappingTable table = new MappingTable(tokenizer);
        entries.forEach(e -> table.add(e.getKey(), e.getValue()));
        return new TokenMapping(table, unknownPolicy);
    }

    /**
     * @param tokenizer how raw sequences become symbols
     * @param table symbol to vocabulary token; must be one-to-one
     * @return the mapping, ordered by symbol, failing on unknown symbols
     * @throws IllegalArgumentException naming a token that two symbols share
     */
    public static TokenMapping fromTable(SymbolTokenizer tokenizer, Map<String, String> table) {
        Validate.notNull(table, "table must not be null");
        return of(tokenizer, new ArrayList<>(new TreeMap<>(table).entrySet()),
                UnknownSymbolPolicy.fail());
    }

    /**
     * Assigns the symbols, in symbol order, to a seeded random choice of distinct candidate tokens.
     *
     * @param tokenizer how raw sequences become symbols
     * @param symbols the symbols to map (duplicates ignored), e.g. {@link SymbolTokenizer#allKmers(String)}
     * @param candidates the vocabulary tokens that may be targets, distinct, e.g.
     *            {@link VocabularyCandidates#wordLike(List)}
     * @param seed the seed; same inputs and seed give the same mapping
     * @return the mapping, failing on unknown symbols
     * @throws IllegalArgumentException when there are fewer candidates than symbols
     */
    public static TokenMapping random(SymbolTokenizer tokenizer, Collection<String> symbols,
            List<String> candidates, long seed) {
        List<String> sorted = new ArrayList<>(new TreeSet<>(Validate.notNull(symbols, "symbols must not be null")));
        List<String> tokens = new ArrayList<>(distinctCandidates(candidates, sorted.size()));
        SplittableRandom random = new SplittableRandom(seed);
        // partial Fisher-Yates: positions 0..n-1 become a uniform random choice of n distinct candidates
        for (int i = 0; i < sorted.size(); i++) {
            Collections.swap(tokens, i, i + random.nextInt(tokens.size() - i));
        }
        List<Map.Entry<String, String>> entries = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            entries.add(Map.entry(sorted.get(i), tokens.get(i)));
        }
        return of(tokenizer, entries, UnknownSymbolPolicy.fail());
    }

    /**
     * Frequency-rank matching over raw sequences: symbols are counted with the tokenizer, then ranked.
     *
     * @param tokenizer how raw sequences become symbols
     * @param rawSequences the sequences to count symbols in
     * @param rankedTokens vocabulary tokens, most frequent first
     * @return the mapping in rank order, failing on unknown symbols
     */
    public static TokenMapping byFrequency(SymbolTokenizer tokenizer, Iterable<String> rawSequences,
            List<String> rankedTokens) {
        Validate.notNull(rawSequences, "rawSequences must not be null");
        Map<String, Long> counts = new HashMap<>();
        for (String raw : rawSequences) {
            for (String symbol : tokenizer.split(raw)) {
                counts.merge(symbol, 1L, Long::sum);
            }
        }
        return byFrequency(tokenizer, counts, rankedTokens);
    }

    /**
     * Frequency-rank matching: the symbol of rank i (by count descending, ties by symbol ascending) gets
     * rankedTokens.get(i).
     *
     * @param tokenizer how raw sequences become symbols
     * @param symbolCounts how often each symbol occurs
     * @param rankedTokens vocabulary tokens, most frequent first, distinct
     * @return the mapping in rank order, failing on unknown symbols
     * @throws IllegalArgumentException when there are fewer ranked tokens than symbols
     */
    public static TokenMapping byFrequency(SymbolTokenizer tokenizer, Map<String, Long> symbolCounts,
            List<String> rankedTokens) {
        Validate.notNull(symbolCounts, "symbolCounts must not be null");
        List<Map.Entry<String, Long>> ranked = new ArrayList<>(symbolCounts.entrySet());
        ranked.sort(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey()));
        List<String> tokens = distinctCandidates(rankedTokens, ranked.size());
        List<Map.Entry<String, String>> entries = new ArrayList<>();
        for (int i = 0; i < ranked.size(); i++) {
            entries.add(Map.entry(ranked.get(i).getKey(), tokens.get(i)));
        }
        return of(tokenizer, entries, UnknownSymbolPolicy.fail());
    }

    /** Used by {@link TokenMappingFile}, which fills the table line by line. */
    static TokenMapping of(MappingTable table, UnknownSymbolPolicy unknownPolicy) {
        return new TokenMapping(table, unknownPolicy);
    }

    /** Candidates must be distinct (else the draw could pick one token twice) and at least as many as symbols. */
    private static List<String> distinctCandidates(List<String> candidates, int symbolCount) {
        Validate.notNull(candidates, "candidate tokens must not be null");
        Set<String> seen = new HashSet<>();
        for (String token : candidates) {
            Validate.isTrue(seen.add(token), "candidate tokens must be distinct but '%s' occurs twice", token);
        }
        Validate.isTrue(candidates.size() >= symbolCount,
                "not enough candidate tokens: %d symbols to map but only %d candidate tokens", symbolCount,
                candidates.size());
        return candidates;
    }

    /**
     * @param policy what to do with symbols outside the table
     * @return a copy of this mapping with that policy
     */
    public TokenMapping withUnknownPolicy(UnknownSymbolPolicy policy) {
        return of(tokenizer, new ArrayList<>(table.entrySet()), policy);
    }

    /**
     * @param rawSequence a raw sequence of the source discipline
     * @return its vocabulary tokens joined by single spaces, ready for a BERT tokenizer
     * @throws IllegalArgumentException for an unknown symbol under {@link UnknownSymbolPolicy#fail()}
     */
    public String apply(String rawSequence) {
        return String.join(" ", applyToTokens(rawSequence));
    }

    /**
     * As {@link #apply(String)}, naming where the sequence came from in the message of one it cannot map.
     *
     * @param where e.g. "training row 3"
     */
    public String apply(String rawSequence, String where) {
        try {
            return apply(rawSequence);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param rawSequence a raw sequence of the source discipline
     * @return its vocabulary tokens in order
     */
    public List<String> applyToTokens(String rawSequence) {
        List<String> tokens = new ArrayList<>();
        for (String symbol : tokenizer.split(rawSequence)) {
            String token = table.get(symbol);
            if (token != null) {
                tokens.add(token);
            } else if (unknownPolicy.action() == UnknownSymbolPolicy.Action.REPLACE) {
                tokens.add(unknownPolicy.replacement());
            } else if (unknownPolicy.action() == UnknownSymbolPolicy.Action.FAIL) {
                throw new IllegalArgumentException("symbol '" + symbol + "' has no token in the mapping ("
                        + table.size() + " symbols, " + tokenizer.settings() + ")");
            }
        }
        return tokens;
    }

    /**
     * @param symbol a symbol
     * @return its token, if mapped
     */
    public Optional<String> tokenFor(String symbol) {
        return Optional.ofNullable(table.get(symbol));
    }

    /** @return symbol to token, unmodifiable, in the mapping's order (by symbol, rank or file order) */
    public Map<String, String> asMap() {
        return table;
    }

    /** @return the number of mapped symbols */
    public int size() {
        return table.size();
    }

    public SymbolTokenizer tokenizer() {
        return tokenizer;
    }

    public UnknownSymbolPolicy unknownPolicy() {
        return unknownPolicy;
    }

    /** Equal when tokenizer, policy and the symbol-to-token pairs are equal (order does not matter). */
    @Override
    public boolean equals(Object o) {
        return o instanceof TokenMapping that && tokenizer.equals(that.tokenizer)
                && unknownPolicy.equals(that.unknownPolicy) && table.equals(that.table);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * tokenizer.hashCode() + unknownPolicy.hashCode()) + table.hashCode();
    }

    @Override
    public String toString() {
        String head = table.entrySet().stream().limit(5).map(e -> e.getKey() + "->" + e.getValue())
                .collect(Collectors.joining(", "));
        return "TokenMapping[" + tokenizer.settings() + " unknown=" + unknownPolicy.setting() + ", " + table.size()
                + " symbols: " + head + (table.size() > 5 ? ", ..." : "") + "]";
    }
}
