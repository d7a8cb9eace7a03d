package org.bertlab.core.align;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.bertlab.core.align.MrrOptions.Pieces;
import org.bertlab.core.embed.LayerSelection;
import org.bertlab.core.model.BertModel;
import org.bertlab.core.runtime.Progress;
import org.bertlab.core.options.InvalidOptionException;
import org.bertlab.core.testing.TestModels;
import org.bertlab.core.tokenize.TokenizedText;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ai.djl.ndarray.NDManager;

/** Word vectors on the tiny random model, checked against a separate naive loop over the corpus. */
class WordVectorsTest {

    @TempDir
    static Path dir;

    private static BertModel model;

    private static final List<String> CORPUS = List.of("The cat sat on the mat.", "Cats eat fish.", "",
        "A bat and a cat and a big dog.", "The dog runs to the bat house", "fishing is big");

    private static final int[] LAYERS = {0, 1, 2};

    @BeforeAll
    static void load() {
        model = TestModels.tinyRandom(dir, 7);
    }

    @AfterAll
    static void close() {
        model.close();
    }

    /**
     * Naive reference: encode each text alone, group tokens into whole words (a piece and its '##' continuations),
     * and average the token vectors of every group spelling the word; then average over the groups.
     */
    private static float[] naive(final String word, final int layer, final boolean firstPiece) {
        final double[] sum = new double[model.config().hiddenSize()];
        int n = 0;
        for (final String text : CORPUS) {
            if (text.isBlank()) {
                continue;
            }
            final TokenizedText t = model.tokenizer().encode(text);
            final float[][] h;
            try (NDManager m = model.newBatchManager()) {
                final float[] flat = TestModels.encode(model, m, List.of(t), 2).layer(layer).toFloatArray();
                h = new float[t.length()][sum.length];
                for (int i = 0; i < t.length(); i++) {
                    System.arraycopy(flat, i * sum.length, h[i], 0, sum.length);
                }
            }
            int i = 0;
            while (i < t.length()) {
                if (t.isSpecial(i)) {
                    i++;
                    continue;
                }
                int j = i + 1;
                final StringBuilder spelled = new StringBuilder(t.tokens()[i]);
                while (j < t.length() && !t.isSpecial(j) && t.tokens()[j].startsWith("##")) {
                    spelled.append(t.tokens()[j].substring(2));
                    j++;
                }
                if (spelled.toString().equals(word)) {
                    final int end = firstPiece ? i + 1 : j;
                    for (int d = 0; d < sum.length; d++) {
                        double s = 0;
                        for (int k = i; k < end; k++) {
                            s += h[k][d];
                        }
                        sum[d] += s / (end - i);
                    }
                    n++;
                }
                i = j;
            }
        }
        final float[] mean = new float[sum.length];
        for (int d = 0; d < sum.length; d++) {
            mean[d] = (float)(sum[d] / n);
        }
        return n == 0 ? null : mean;
    }

    private static void assertClose(final float[] expected, final float[] actual) {
        assertNotNull(actual);
        for (int d = 0; d < expected.length; d++) {
            assertEquals(expected[d], actual[d], 1e-5, "dimension " + d);
        }
    }

    @Test
    void contextualAverageEqualsTheNaiveLoop() {
        final List<String> words = List.of("cat", "bat", "dog", "big", "fish");
        for (final Pieces pieces : Pieces.values()) {
            final WordVectors wv = WordEmbedder.contextual(model, words, CORPUS, LAYERS, pieces, 2, Progress.NONE);
            for (final String w : words) {
                for (final int layer : LAYERS) {
                    assertClose(naive(w, layer, pieces == Pieces.FIRST), wv.vector(layer, w));
                }
            }
            assertEquals(2, wv.occurrences("cat"), "'cats' is not an occurrence of cat");
            assertEquals(2, wv.occurrences("bat"), "b ##a ##t twice");
            assertEquals(1, wv.occurrences("fish"), "'fishing' is not an occurrence of fish");
        }
    }

    @Test
    void aMultiPieceWordIsTheMeanOfItsPiecesOrItsFirstPiece() {
        assertTrue(model.tokenizer().pieceIds("bat").length == 3);
        final WordVectors mean = WordEmbedder.contextual(model, List.of("bat"), CORPUS, LAYERS, Pieces.MEAN, 8,
            Progress.NONE);
        final WordVectors first = WordEmbedder.contextual(model, List.of("bat"), CORPUS, LAYERS, Pieces.FIRST, 8,
            Progress.NONE);
        assertFalse(java.util.Arrays.equals(mean.vector(2, "bat"), first.vector(2, "bat")));
    }

    @Test
    void absentAndUnknownWordsAreCountedSkips() {
        final WordVectors wv = WordEmbedder.contextual(model, List.of("cat", "tree", "7", "猫"), CORPUS, LAYERS,
            Pieces.MEAN, 4, Progress.NONE);
        assertNull(wv.vector(1, "tree"));
        assertEquals(WordVectors.NOT_IN_CORPUS, wv.skipReason("tree"));
        assertEquals(WordVectors.UNKNOWN_TOKEN, wv.skipReason("7"));
        assertEquals(WordVectors.UNKNOWN_TOKEN, wv.skipReason("猫"));
        assertEquals(2, wv.skipCounts().get(WordVectors.UNKNOWN_TOKEN));
        assertEquals(List.of("cat"), wv.presentWords());
    }

    @Test
    void theCorpusMeanIsOverRealTokens() {
        final WordVectors wv = WordEmbedder.contextual(model, List.of("cat"), CORPUS, LAYERS, Pieces.MEAN, 3,
            Progress.NONE);
        final int hidden = model.config().hiddenSize();
        final double[] sum = new double[hidden];
        long tokens = 0;
        for (final String text : CORPUS) {
            if (text.isBlank()) {
                continue;
            }
            final TokenizedText t = model.tokenizer().encode(text);
            try (NDManager m = model.newBatchManager()) {
                final float[] flat = TestModels.encode(model, m, List.of(t), 2).layer(1).toFloatArray();
                for (int i = 0; i < t.length(); i++) {
                    if (!t.isSpecial(i)) {
                        tokens++;
                        for (int d = 0; d < hidden; d++) {
                            sum[d] += flat[i * hidden + d];
                        }
                    }
                }
            }
        }
        final float[] expected = new float[hidden];
        for (int d = 0; d < hidden; d++) {
            expected[d] = (float)(sum[d] / tokens);
        }
        assertEquals(tokens, wv.corpusTokens());
        assertClose(expected, wv.corpusMean(1).orElseThrow());
    }

    @Test
    void isolatedVectorsExcludeTheSpecialTokens() {
        final WordVectors wv = WordEmbedder.isolated(model, List.of("cat", "bat", "7"), LAYERS, Pieces.MEAN, 2,
            Progress.NONE);
        final TokenizedText t = model.tokenizer().encode("bat");
        try (NDManager m = model.newBatchManager()) {
            final float[] flat = TestModels.encode(model, m, List.of(t), 2).layer(2).toFloatArray();
            final int hidden = model.config().hiddenSize();
            final float[] expected = new float[hidden];
            for (int d = 0; d < hidden; d++) {
                expected[d] = (flat[hidden + d] + flat[2 * hidden + d] + flat[3 * hidden + d]) / 3;
            }
            assertClose(expected, wv.vector(2, "bat"));
        }
        assertEquals(WordVectors.UNKNOWN_TOKEN, wv.skipReason("7"));
    }

    @Test
    void staticVectorsAreRowsOfTheWordEmbeddingMatrix() {
        final WordVectors wv = WordEmbedder.staticEmbedding(model, List.of("cat", "bat"), Pieces.FIRST);
        final float[] matrix = model.parameters().get("embeddings.word_embeddings.weight").toFloatArray();
        final int hidden = model.config().hiddenSize();
        final int cat = model.tokenizer().id("cat").orElseThrow();
        final float[] row = java.util.Arrays.copyOfRange(matrix, cat * hidden, (cat + 1) * hidden);
        assertClose(row, wv.vector(0, "cat"));
        final int b = model.tokenizer().id("b").orElseThrow();
        assertClose(java.util.Arrays.copyOfRange(matrix, b * hidden, (b + 1) * hidden), wv.vector(0, "bat"));
        assertEquals(1, wv.layers().length);
    }

    @Test
    void aLayerOutOfRangeIsAClearError() {
        final InvalidOptionException e = assertThrows(InvalidOptionException.class,
            () -> WordEmbedder.contextual(model, List.of("cat"), CORPUS, new int[]{0, 5}, Pieces.MEAN, 4,
                Progress.NONE));
        assertEquals("layers", e.option());
        assertEquals("layers list layer 5, which does not exist: the model has layers 0 (embedding output) to 2.",
            e.getMessage());
        final InvalidOptionException options = assertThrows(InvalidOptionException.class,
            () -> MrrOptions.builder().layers(3).build().resolveLayers(model.config()));
        assertTrue(options.getMessage().startsWith("layers list layer 3, which does not exist"));
        assertThrows(IllegalArgumentException.class, () -> MrrOptions.builder().layers(-1));
        assertThrows(IllegalArgumentException.class, () -> LayerSelection.parse("1,x", 2));
    }

    @Test
    void progressIsReportedAndCancellationStops() {
        final List<Long> reported = new ArrayList<>();
        WordEmbedder.contextual(model, List.of("cat"), CORPUS, LAYERS, Pieces.MEAN, 2, new Progress() {
            @Override
            public void report(final long done) {
                reported.add(done);
            }

            @Override
            public void checkCancelled() {
                // not cancelled
            }
        });
        assertEquals(List.of(2L, 4L, 5L), reported);
        assertThrows(java.util.concurrent.CancellationException.class, () -> WordEmbedder.contextual(model,
            List.of("cat"), CORPUS, LAYERS, Pieces.MEAN, 2, new Progress() {
                @Override
                public void report(final long done) {
                    // ignored
                }

                @Override
                public void checkCancelled() {
                    throw new java.util.concurrent.CancellationException("stop");
                }
            }));
    }

    @Test
    void corpusWordsJoinPiecesAndDropPunctuation() {
        final List<String> words = WordEmbedder.corpusWords(model.tokenizer(), List.of("The cat, a bat.", "7 cats"));
        assertEquals(List.of("the", "cat", "a", "bat", "cats"), words);
    }
}
