package org.bertlab.core.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class TokenMappingTest {

    private static final SymbolTokenizer TRIMERS = SymbolTokenizer.kmers(3);
    private static final List<String> DNA_TRIMERS = TRIMERS.allKmers("ACGT");

    /** n distinct letter-only words: aa, ab, ... */
    private static List<String> words(int n) {
        List<String> words = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            words.add("" + (char) ('a' + i / 26 % 26) + (char) ('a' + i % 26) + (char) ('a' + i / 676));
        }
        return words;
    }

    private static void assertOneToOne(TokenMapping mapping) {
        Set<String> tokens = new HashSet<>(mapping.asMap().values());
        assertEquals(mapping.size(), tokens.size(), "two symbols share a token");
    }

    @Test
    void fromTableKeepsTheTableAndRejectsASharedToken() {
        TokenMapping m = TokenMapping.fromTable(TRIMERS, Map.of("ACG", "house", "TTA", "tree"));
        assertEquals(Map.of("ACG", "house", "TTA", "tree"), m.asMap());
        assertEquals(List.of("ACG", "TTA"), List.copyOf(m.asMap().keySet()), "ordered by symbol");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TokenMapping.fromTable(TRIMERS, Map.of("ACG", "house", "TTA", "house")));
        assertEquals("mapping must be one-to-one but token 'house' is the target of both 'ACG' and 'TTA'",
                e.getMessage());
    }

    @Test
    void fromTableRejectsSymbolsTheTokenizerCannotMake() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TokenMapping.fromTable(TRIMERS, Map.of("AC", "house")));
        assertEquals("symbol 'AC' has length 2 but the tokenizer makes 3-mers", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TokenMapping.fromTable(TRIMERS, Map.of("acg", "x")));
        assertTrue(e.getMessage().contains("must be upper case"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> TokenMapping.fromTable(TRIMERS, Map.of("ACG", "two words")));
        assertTrue(e.getMessage().contains("without whitespace"), e.getMessage());
    }

    @Test
    void randomMappingIsOneToOneAndReproducibleWithTheSeed() {
        List<String> candidates = words(1000);
        TokenMapping a = TokenMapping.random(TRIMERS, DNA_TRIMERS, candidates, 5);
        TokenMapping b = TokenMapping.random(TRIMERS, new ArrayList<>(DNA_TRIMERS).reversed(), candidates, 5);
        TokenMapping c = TokenMapping.random(TRIMERS, DNA_TRIMERS, candidates, 6);
        assertEquals(64, a.size());
        assertOneToOne(a);
        assertTrue(candidates.containsAll(a.asMap().values()));
        assertEquals(a, b, "same seed, same mapping, whatever the order the symbols come in");
        assertEquals(a.asMap(), b.asMap());
        assertNotEquals(a, c);
    }

    @Test
    void randomMappingDrawsWidelyFromTheCandidates() {
        // over many seeds each of 100 candidates should be used by some mapping of 4 symbols
        List<String> candidates = words(100);
        Set<String> used = new HashSet<>();
        for (long seed = 0; seed < 200; seed++) {
            used.addAll(TokenMapping.random(SymbolTokenizer.units(), List.of("1", "2", "3", "4"), candidates, seed)
                    .asMap().values());
        }
        assertEquals(100, used.size());
    }

    @Test
    void tooFewCandidatesAreReported() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TokenMapping.random(TRIMERS, DNA_TRIMERS, words(10), 1));
        assertEquals("not enough candidate tokens: 64 symbols to map but only 10 candidate tokens", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> TokenMapping.random(TRIMERS, List.of("ACG"), List.of("a", "b", "a"), 1));
        assertEquals("candidate tokens must be distinct but 'a' occurs twice", e.getMessage());
    }

    @Test
    void frequencyMappingGivesTheMostFrequentSymbolTheFirstToken() {
        // counts: AAA 3, CCC 2, GGG 2, TTT 1; the CCC/GGG tie is broken by symbol
        List<String> sequences = List.of("AAACCCGGG", "GGGAAA", "AAATTTCCC");
        TokenMapping m = TokenMapping.byFrequency(TRIMERS, sequences, List.of("the", "of", "and", "to", "in"));
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("AAA", "the");
        expected.put("CCC", "of");
        expected.put("GGG", "and");
        expected.put("TTT", "to");
        assertEquals(expected, m.asMap());
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(m.asMap().keySet()), "kept in rank order");
        assertThrows(IllegalArgumentException.class,
                () -> TokenMapping.byFrequency(TRIMERS, sequences, List.of("the", "of", "and")));
    }

    @Test
    void frequencyMappingFromCountsBreaksTiesBySymbol() {
        TokenMapping m = TokenMapping.byFrequency(SymbolTokenizer.units(), Map.of("9", 5L, "10", 5L, "2", 7L),
                List.of("a", "b", "c"));
        assertEquals(Map.of("2", "a", "10", "b", "9", "c"), m.asMap());
    }

    @Test
    void applyMapsSymbolsToSpaceSeparatedTokens() {
        TokenMapping m = TokenMapping.fromTable(TRIMERS, Map.of("ACG", "house", "TTA", "tree", "GGC", "river"));
        assertEquals("house tree river", m.apply("ACGTTAGGCA"));
        TokenMapping units = TokenMapping.fromTable(SymbolTokenizer.units(), Map.of("12", "sun", "7", "moon"));
        assertEquals("sun moon moon", units.apply("12 7  7"));
    }

    @Test
    void unknownSymbolsFollowThePolicy() {
        TokenMapping m = TokenMapping.fromTable(TRIMERS, Map.of("ACG", "house"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.apply("ACGNNN"));
        assertTrue(e.getMessage().startsWith("symbol 'NNN' has no token"), e.getMessage());
        assertEquals("house", m.withUnknownPolicy(UnknownSymbolPolicy.skip()).apply("ACGNNN"));
        assertEquals("house [UNK]",
                m.withUnknownPolicy(UnknownSymbolPolicy.replaceWith("[UNK]")).apply("ACGNNN"));
        e = assertThrows(IllegalArgumentException.class,
                () -> m.withUnknownPolicy(UnknownSymbolPolicy.replaceWith("house")));
        assertEquals("unknown-symbol replacement 'house' is already the target of symbol 'ACG'", e.getMessage());
    }
}
