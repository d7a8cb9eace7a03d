package org.bertlab.core.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.apache.commons.lang3.StringUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DnaCorpusTest {

    @ParameterizedTest
    @ValueSource(strings = {"TATAAA", "AAAA", "A", "GCGCGC", "ACGTACGTAC"})
    void motifOccursIffLabelIsOneAndClassesAreBalanced(String motif) {
        List<Sequence> corpus = ArtificialCorpus.generate(CorpusOptions.builder().kind(CorpusKind.DNA)
                .dnaMotif(motif).count(4000).minLength(10).maxLength(200).seed(3).build()).sequences();
        int positives = 0;
        for (Sequence s : corpus) {
            assertEquals(TokenAlphabet.DNA, s.alphabet());
            String letters = s.letters();
            assertTrue(StringUtils.containsOnly(letters, "ACGT"));
            int label = s.label().orElseThrow();
            assertEquals(label == 1, letters.contains(motif), () -> "label " + label + " for " + letters);
            positives += label;
        }
        assertEquals(2000, positives, "labels are balanced exactly for an even count");
    }

    @Test
    void pairsOfSequencesCarryOneLabelOfEachInRandomOrder() {
        List<Sequence> corpus = ArtificialCorpus.generate(CorpusOptions.builder().kind(CorpusKind.DNA).count(2001)
                .build()).sequences();
        int positiveFirst = 0;
        for (int i = 0; i + 1 < corpus.size(); i += 2) {
            int a = corpus.get(i).label().orElseThrow();
            int b = corpus.get(i + 1).label().orElseThrow();
            assertEquals(1, a + b);
            positiveFirst += a;
        }
        // the order inside a pair is a fair coin: 1000 pairs, 5 standard deviations is about 80
        assertTrue(Math.abs(positiveFirst - 500) < 80, "positive first in " + positiveFirst + " of 1000 pairs");
    }

    @Test
    void backgroundLettersAreRoughlyUniform() {
        long[] counts = new long[4];
        CorpusGenerator.stream(CorpusOptions.builder().kind(CorpusKind.DNA).count(2000).length(500).build())
                .forEach(s -> {
                    for (int id : s.tokenIds()) {
                        counts[id]++;
                    }
                });
        for (long c : counts) {
            assertEquals(0.25, c / 1_000_000.0, 0.01);
        }
    }
}
