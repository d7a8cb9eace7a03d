package org.bertlab.core.align;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.bertlab.core.align.LanguageOffset.Decoded;
import org.bertlab.core.model.BertModel;
import org.bertlab.core.runtime.Progress;
import org.bertlab.core.testing.TestModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tiny random model has a masked-LM head: hidden state + offset is decoded into vocabulary tokens. */
class TinyModelOffsetTest {

    @TempDir
    Path dir;

    @Test
    void decodesWithTheMaskedLmHead() {
        try (BertModel model = TestModels.tinyRandom(dir, 3)) {
            assertTrue(model.heads().hasMaskedLm());
            final List<String> source = List.of("the cat sat on the mat", "a dog runs", "the cat eats");
            final List<String> target = List.of("a fish is in water", "the bird is blue", "red fish and bird");
            final BilingualDictionary d = BilingualDictionary.of("cat", "fish", "dog", "bird", "zebra", "tree");
            final LanguageOffset.Report r = LanguageOffset.evaluate(model, source, target, d,
                OffsetOptions.builder().topK(4).build(), Progress.NONE);
            assertEquals("", r.decodeNote());
            assertEquals(List.of("cat", "dog"), r.decoded().stream().map(Decoded::source).toList());
            for (final Decoded x : r.decoded()) {
                assertEquals(4, x.withOffset().size());
                assertFalse(x.withOffset().stream().anyMatch(t -> t.startsWith("[")), x.toString());
            }
            assertEquals(3, r.layers().size());
            for (final LanguageOffset.LayerResult l : r.layers()) {
                assertEquals(2, l.evaluated());
                assertEquals(1, l.skipped(), "zebra is not in the corpus");
                assertTrue(Double.isFinite(l.mrrWith()) && Double.isFinite(l.mrrWithout()));
            }
        }
    }

    @Test
    void nativeAndPlainProductsAgree() {
        final java.util.Random random = new java.util.Random(5);
        final float[][] q = new float[300][256];
        final float[][] c = new float[400][256];
        for (final float[][] m : new float[][][]{q, c}) {
            for (final float[] row : m) {
                for (int d = 0; d < row.length; d++) {
                    row[d] = (float)random.nextGaussian();
                }
            }
        }
        final float[][] nativeSims = new float[q.length][];
        CosineRanking.similarities(q, c, (i, s) -> nativeSims[i] = s);
        final float[][] plain = new float[q.length][];
        CosineRanking.similarities(new float[][]{q[0], q[7]}, c, (i, s) -> plain[i] = s);
        assertTrue((long)q.length * c.length * 256 >= CosineRanking.NATIVE_THRESHOLD);
        for (int j = 0; j < c.length; j++) {
            assertEquals(plain[0][j], nativeSims[0][j], 1e-5);
            assertEquals(plain[1][j], nativeSims[7][j], 1e-5);
        }
        assertEquals(List.of(3, 1), java.util.Arrays.stream(CosineRanking.topK(new float[]{0, 2, 1, 5}, 2)).boxed()
            .toList());
    }
}
