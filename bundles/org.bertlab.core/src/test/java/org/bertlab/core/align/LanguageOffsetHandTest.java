package org.bertlab.core.align;

import static org.bertlab.core.align.DictionaryMrrHandTest.v;
import static org.bertlab.core.align.DictionaryMrrHandTest.vectors;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.bertlab.core.align.LanguageOffset.LayerResult;
import org.bertlab.core.align.LanguageOffset.Report;
import org.bertlab.core.align.LanguageOffset.Translation;
import org.junit.jupiter.api.Test;

/**
 * Source means (1,1), target mean (3,1): offset (2,0). Source: cat (1,0), dog (0,1), fish (no vector). Target:
 * 猫 (3,0), 狗 (2,1), 鱼 (0,1).
 */
class LanguageOffsetHandTest {

    private static final int[] LAYER0 = {0};

    private static final BilingualDictionary DICTIONARY = BilingualDictionary.of("cat", "猫", "dog", "狗", "fish",
        "鱼");

    private static Report report() {
        final WordVectors source = WordVectors.of(LAYER0, vectors("cat", v(1, 0), "dog", v(0, 1), "fish", null),
            new float[][]{v(1, 1)});
        final WordVectors target = WordVectors.of(LAYER0, vectors("猫", v(3, 0), "狗", v(2, 1), "鱼", v(0, 1)),
            new float[][]{v(3, 1)});
        return LanguageOffset.evaluate(source, target, DICTIONARY, OffsetOptions.builder().topK(3).build());
    }

    @Test
    void theOffsetAndItsEffectMatchThePaperValues() {
        // Without the offset: cat (1,0) → 猫 (cos 1) first; dog (0,1) → 鱼 (1), 狗 (0.447), 猫 (0): 狗 second.
        // With it: cat + (2,0) = (3,0) → 猫 first; dog + (2,0) = (2,1) → 狗 (cos 1), 猫 (0.894), 鱼 (0.447).
        final Report r = report();
        final LayerResult layer = r.layers().get(0);
        assertArrayEquals(new float[]{2, 0}, layer.offset(), 0f);
        assertEquals(2.0, layer.offsetNorm(), 1e-12);
        assertEquals(2, layer.evaluated());
        assertEquals(1, layer.skipped());
        assertEquals(0.5, layer.accuracyAt1Without(), 1e-12);
        assertEquals(1.0, layer.accuracyAt5Without(), 1e-12);
        assertEquals(0.75, layer.mrrWithout(), 1e-12);
        assertEquals(1.0, layer.accuracyAt1With(), 1e-12);
        assertEquals(1.0, layer.mrrWith(), 1e-12);
        // cosine of the means (1,1) and (3,1): 4 / (√2 · √10)
        assertEquals(4 / Math.sqrt(20), layer.meanCosine(), 1e-6);
        final Translation dog = r.translations().get(1);
        assertEquals("dog", dog.source());
        assertEquals(List.of("鱼", "狗", "猫"), dog.withoutOffset());
        assertEquals(List.of("狗", "猫", "鱼"), dog.withOffset());
        assertEquals(2, dog.rankWithout());
        assertEquals(1, dog.rankWith());
        assertEquals(List.of("狗"), dog.correct());
    }

    @Test
    void theOffsetIsTargetMeanMinusSourceMean() {
        final WordVectors s = WordVectors.of(LAYER0, vectors("a", v(1, 0)), new float[][]{v(1, 1)});
        final WordVectors t = WordVectors.of(LAYER0, vectors("b", v(1, 0)), new float[][]{v(3, -1)});
        assertArrayEquals(new float[]{2, -2}, LanguageOffset.offset(s, t, 0));
        final WordVectors noCorpus = WordVectors.of(LAYER0, vectors("a", v(1, 0)));
        assertThrows(IllegalArgumentException.class, () -> LanguageOffset.offset(noCorpus, t, 0));
    }

    @Test
    void withoutADictionaryEverySourceWordIsTranslatedAndNothingScored() {
        final WordVectors source = WordVectors.of(LAYER0, vectors("cat", v(1, 0), "dog", v(0, 1)),
            new float[][]{v(1, 1)});
        final WordVectors target = WordVectors.of(LAYER0, vectors("猫", v(3, 0), "狗", v(2, 1)),
            new float[][]{v(3, 1)});
        final Report r = LanguageOffset.evaluate(source, target, null, OffsetOptions.defaults());
        assertEquals(0, r.layers().get(0).evaluated());
        assertEquals(0.0, r.layers().get(0).mrrWith());
        assertEquals(List.of("狗", "猫"), r.translations().get(1).withOffset());
    }
}
