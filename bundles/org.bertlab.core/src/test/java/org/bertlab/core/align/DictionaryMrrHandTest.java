package org.bertlab.core.align;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bertlab.core.align.DictionaryMrr.LanguageVectors;
import org.bertlab.core.align.DictionaryMrr.LayerResult;
import org.bertlab.core.align.DictionaryMrr.PairRank;
import org.bertlab.core.align.MrrOptions.Candidates;
import org.bertlab.core.align.MrrOptions.Centring;
import org.bertlab.core.align.MrrOptions.Direction;
import org.junit.jupiter.api.Test;

/**
 * Two-dimensional vectors ranked on paper. Source: cat (1,0), dog (0,1), fish (1,1), bird (2,0), whale (no
 * vector). Target: 猫 (1,0), 狗 (0,1), 鱼 (-1,0), 鸟 (1,1), 牛 (no vector).
 */
class DictionaryMrrHandTest {

    private static final int[] LAYER0 = {0};

    static Map<String, float[][]> vectors(final Object... wordThenXy) {
        final Map<String, float[][]> map = new LinkedHashMap<>();
        for (int i = 0; i < wordThenXy.length; i += 2) {
            map.put((String)wordThenXy[i], wordThenXy[i + 1] == null ? null
                : new float[][]{(float[])wordThenXy[i + 1]});
        }
        return map;
    }

    static float[] v(final float x, final float y) {
        return new float[]{x, y};
    }

    private static final BilingualDictionary DICTIONARY = BilingualDictionary.of("cat", "猫", "dog", "狗", "fish",
        "鱼", "fish", "狗", "bird", "鸟", "whale", "鲸", "cow", "牛");

    private static LanguageVectors handVectors() {
        final WordVectors source = WordVectors.of(LAYER0, vectors("cat", v(1, 0), "dog", v(0, 1), "fish", v(1, 1),
            "bird", v(2, 0), "whale", null, "cow", v(3, 1)));
        final WordVectors target = WordVectors.of(LAYER0, vectors("猫", v(1, 0), "狗", v(0, 1), "鱼", v(-1, 0),
            "鸟", v(1, 1), "牛", null));
        return new LanguageVectors(source, target);
    }

    @Test
    void sourceToTargetMatchesThePaperRanking() {
        // cat: 猫 is most similar → rank 1. dog: 狗 → 1. fish (1,1): 鸟 (cos 1) beats 狗 and 猫 ties with 狗 at
        // 0.707 (ties do not count) → 狗 rank 2, 鱼 (−0.707) rank 4; best 2. bird (2,0): 猫 (cos 1) beats 鸟 → 2.
        // MRR = (1 + 1 + 1/2 + 1/2) / 4 = 0.75, P@1 = 2/4.
        final LayerResult r = DictionaryMrr.evaluate(handVectors(), DICTIONARY, 0, Direction.SOURCE_TO_TARGET,
            false, Candidates.DICTIONARY);
        assertEquals(0.75, r.mrr(), 1e-12);
        assertEquals(0.5, r.pAt1(), 1e-12);
        assertEquals(1.0, r.pAt5(), 1e-12);
        assertEquals(1.0, r.pAt10(), 1e-12);
        assertEquals(5, r.evaluated());
        assertEquals(2, r.skipped());
        assertEquals(Map.of("source word not in corpus", 1, "target word not in corpus", 1), r.skipReasons());
        assertEquals(4, r.words());
        assertEquals(4, r.candidates(), "牛 has no vector, so it is no candidate");
        assertEquals(List.of(new PairRank("cat", "猫", 1), new PairRank("dog", "狗", 1), new PairRank("fish", "鱼", 4),
            new PairRank("fish", "狗", 2), new PairRank("bird", "鸟", 2)), r.ranks());
    }

    @Test
    void targetToSourceMatchesThePaperRanking() {
        // 猫 (1,0): cat and bird both cos 1 → cat rank 1 (a tie). 狗 (0,1): dog 1 → 1. 鱼 (−1,0): dog (0) beats
        // fish (−0.707) → 2. 鸟 (1,1): fish (1) beats bird (0.707) → 2. MRR 0.75, P@1 0.5. Candidates: the
        // dictionary's sources with vectors: cat, dog, fish, bird, cow.
        final LayerResult r = DictionaryMrr.evaluate(handVectors(), DICTIONARY, 0, Direction.TARGET_TO_SOURCE,
            false, Candidates.DICTIONARY);
        // cow (3,1) is a candidate too: against 猫 cos 0.949 < 1, against 狗 0.316 < 1, against 鱼 −0.949,
        // against 鸟 0.894 > 0.707 → 鸟's bird drops to rank 3. MRR = (1 + 1 + 1/2 + 1/3) / 4.
        assertEquals((1 + 1 + 0.5 + 1.0 / 3) / 4, r.mrr(), 1e-12);
        assertEquals(0.5, r.pAt1(), 1e-12);
        assertEquals(5, r.candidates());
        assertTrue(r.ranks().contains(new PairRank("fish", "狗", 2)), "dog is more similar to 狗 than fish");
        assertTrue(r.ranks().contains(new PairRank("bird", "鸟", 3)));
    }

    @Test
    void centringRemovesAConstantLanguageShift() {
        // Source a (11,10), b (10,11); target A (−9,10), B (−10,11). Raw cosines: a·A 1, a·B 0 → A first for a;
        // b·A 20/(|b||A|) = 0.1000 > b·B 21/(|b||B|) = 0.0950 → B second for b. MRR = (1 + 1/2) / 2 = 0.75.
        // Centred (means (10.5,10.5) and (−9.5,10.5)): a, A → (0.5,−0.5); b, B → (−0.5,0.5): MRR 1.
        final LanguageVectors shifted = new LanguageVectors(
            WordVectors.of(LAYER0, vectors("a", v(11, 10), "b", v(10, 11))),
            WordVectors.of(LAYER0, vectors("A", v(-9, 10), "B", v(-10, 11))));
        final BilingualDictionary d = BilingualDictionary.of("a", "A", "b", "B");
        final MrrOptions raw = MrrOptions.builder().directions(Direction.SOURCE_TO_TARGET).build();
        assertEquals(0.75, DictionaryMrr.evaluate(shifted, d, raw).get(0).mrr(), 1e-12);
        final List<LayerResult> centred = DictionaryMrr.evaluate(shifted, d,
            raw.toBuilder().centring(Centring.CENTRED).build());
        assertEquals(1.0, centred.get(0).mrr(), 1e-12);
        assertTrue(centred.get(0).centred());

        // both: the raw row, then the centred row, from the same vectors
        final List<LayerResult> both = DictionaryMrr.evaluate(shifted, d, raw.toBuilder().centring(Centring.BOTH)
            .build());
        assertEquals(2, both.size());
        assertFalse(both.get(0).centred());
        assertEquals(0.75, both.get(0).mrr(), 1e-12);
        assertTrue(both.get(1).centred());
        assertEquals(1.0, both.get(1).mrr(), 1e-12);
    }

    @Test
    void bothDirectionsAndEveryLayerAreReported() {
        final List<LayerResult> all = DictionaryMrr.evaluate(handVectors(), DICTIONARY, MrrOptions.defaults());
        assertEquals(2, all.size());
        assertEquals(Direction.SOURCE_TO_TARGET, all.get(0).direction());
        assertEquals(Direction.TARGET_TO_SOURCE, all.get(1).direction());
    }

    @Test
    void nothingEvaluableIsAClearErrorNotANaN() {
        final LanguageVectors none = new LanguageVectors(WordVectors.of(LAYER0, vectors("cat", null)),
            WordVectors.of(LAYER0, vectors("猫", v(1, 0))));
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DictionaryMrr
            .evaluate(none, BilingualDictionary.of("cat", "猫"), MrrOptions.defaults()));
        assertTrue(e.getMessage().contains("source word not in corpus"), e.getMessage());
    }

    @Test
    void zeroVectorsGiveCosineZeroNotNaN() {
        final LanguageVectors zero = new LanguageVectors(WordVectors.of(LAYER0, vectors("x", v(0, 0))),
            WordVectors.of(LAYER0, vectors("X", v(0, 0), "Y", v(1, 0))));
        final LayerResult r = DictionaryMrr.evaluate(zero, BilingualDictionary.of("x", "X", "x2", "Y"), 0,
            Direction.SOURCE_TO_TARGET, true, Candidates.DICTIONARY);
        assertTrue(Double.isFinite(r.mrr()));
        assertEquals(1.0, r.mrr(), 1e-12, "all cosines are 0, so X ties with Y and ranks first");
    }

    @Test
    void theRandomBaselineIsTheHarmonicMean() {
        assertEquals(1.0, DictionaryMrr.randomBaseline(1), 1e-12);
        assertEquals((1 + 0.5 + 1.0 / 3 + 0.25) / 4, DictionaryMrr.randomBaseline(4), 1e-12);
        assertEquals(0, DictionaryMrr.randomBaseline(0));
    }
}
