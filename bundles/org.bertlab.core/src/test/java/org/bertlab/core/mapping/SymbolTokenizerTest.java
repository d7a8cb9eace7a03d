package org.bertlab.core.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class SymbolTokenizerTest {

    @Test
    void nonOverlappingKmersByDefaultDropAShortTail() {
        assertEquals(List.of("ACG", "TTA", "GGC"), SymbolTokenizer.kmers(3).split("ACGTTAGGCA"));
    }

    @Test
    void strideOneGivesOverlappingKmers() {
        assertEquals(List.of("ACG", "CGT", "GTT"), SymbolTokenizer.kmers(3, 1).split("ACGTT"));
    }

    @Test
    void kmersIgnoreWhitespaceAndCase() {
        assertEquals(List.of("ACG", "TTA"), SymbolTokenizer.kmers(3).split(" acg\nTtA "));
    }

    @Test
    void unitsAreSplitOnWhitespace() {
        assertEquals(List.of("12", "7", "7", "300"), SymbolTokenizer.units().split(" 12 7\t7\n300 "));
        assertEquals(List.of(), SymbolTokenizer.units().split("   "));
    }

    @Test
    void allKmersEnumeratesInAlphabetOrder() {
        List<String> kmers = SymbolTokenizer.kmers(3).allKmers("ACGT");
        assertEquals(64, kmers.size());
        assertEquals("AAA", kmers.get(0));
        assertEquals("AAC", kmers.get(1));
        assertEquals("TTT", kmers.get(63));
    }

    @Test
    void settingsNameEveryValue() {
        assertEquals("k=3 stride=1 unit=kmer", SymbolTokenizer.kmers(3, 1).settings());
        assertEquals("k=1 stride=1 unit=unit", SymbolTokenizer.units().settings());
    }

    @Test
    void badSettingsNameTheOption() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SymbolTokenizer.kmers(0));
        assertTrue(e.getMessage().startsWith("k must be in [1, 64] but was 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SymbolTokenizer.kmers(3, 4));
        assertEquals("stride must be in [1, k=3] but was 4", e.getMessage());
    }
}
