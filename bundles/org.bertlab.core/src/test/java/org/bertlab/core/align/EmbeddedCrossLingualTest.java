package org.bertlab.core.align;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.bertlab.core.align.DictionaryMrr.LanguageVectors;
import org.bertlab.core.align.DictionaryMrr.LayerResult;
import org.bertlab.core.model.BertModel;
import org.bertlab.core.runtime.Progress;
import org.bertlab.core.testing.TestModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real result: the shipped English–Chinese data on the embedded bge-small-zh. */
class EmbeddedCrossLingualTest {

    @TempDir
    Path dir;

    @Test
    void shippedDictionaryAlignsFarAboveRandom() throws Exception {
        final BertModel model = TestModels.embedded();
        final BilingualDictionary dictionary = DemoData.dictionary();
        final MrrOptions options = MrrOptions.defaults();
        final LanguageVectors vectors = DictionaryMrr.vectors(model, dictionary, DemoData.englishCorpus(),
            DemoData.chineseCorpus(), options, Progress.NONE);
        final List<LayerResult> all = DictionaryMrr.evaluate(vectors, dictionary,
            options.toBuilder().centring(MrrOptions.Centring.BOTH).build());
        assertEquals(2 * 2 * (model.config().numLayers() + 1), all.size());
        double best = 0;
        for (final LayerResult r : all) {
            assertTrue(Double.isFinite(r.mrr()) && Double.isFinite(r.pAt1()), r.toString());
            assertEquals(dictionary.size(), r.evaluated() + r.skipped());
            final double baseline = DictionaryMrr.randomBaseline(r.candidates());
            best = Math.max(best, r.mrr() / baseline);
        }
        assertTrue(best > 5, "best MRR / random baseline = " + best + " in " + all);
        final Path png = MrrChart.write(dir.resolve("mrr.png"), "MRR by layer", all);
        assertTrue(Files.size(png) > 5_000);
        final byte[] head = Files.readAllBytes(png);
        assertEquals((byte)0x89, head[0]);
        assertEquals('P', head[1]);
    }

    @Test
    void theEmbeddedModelHasNoMaskedLmHeadSoNothingIsDecoded() {
        final BertModel model = TestModels.embedded();
        final List<String> en = DemoData.englishCorpus().subList(0, 40);
        final List<String> zh = DemoData.chineseCorpus().subList(0, 40);
        final LanguageOffset.Report r = LanguageOffset.evaluate(model, en, zh, null,
            OffsetOptions.builder().layers(4).topK(3).build(), Progress.NONE);
        assertTrue(r.decoded().isEmpty());
        assertFalse(r.decodeNote().isEmpty());
        assertTrue(r.layers().get(0).offsetNorm() > 0);
        assertThrows(IllegalArgumentException.class, () -> LanguageOffset.evaluate(model, en, List.of("", " "),
            null, OffsetOptions.defaults(), Progress.NONE));
        final IllegalArgumentException noText = assertThrows(IllegalArgumentException.class, () -> DictionaryMrr
            .evaluate(model, DemoData.dictionary(), en, List.of(""), MrrOptions.defaults(), Progress.NONE));
        assertEquals("The target corpus has no text: contextual vectors need sentences in both languages.",
            noText.getMessage());
    }
}
