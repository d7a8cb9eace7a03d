package org.bertlab.core.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;

import org.bertlab.core.model.BertModel;
import org.bertlab.core.runtime.Progress;
import org.bertlab.core.options.InvalidOptionException;
import org.bertlab.core.testing.TestModels;
import org.bertlab.core.tokenize.TokenizedText;
import org.junit.jupiter.api.Test;

import ai.djl.ndarray.NDManager;

class TokenEmbedderTest {

    private final BertModel model = TestModels.embedded();

    /** Each text alone, no padding, no batching: the reference for what batching must not change. */
    private float[] alone(final String text, final int layer) {
        final TokenizedText t = model.tokenizer().encode(text);
        try (NDManager m = model.newBatchManager()) {
            return TestModels.encode(model, m, List.of(t), layer).layer(layer).toFloatArray();
        }
    }

    @Test
    void lengthBatchingKeepsInputOrderAndMatchesEachTextEncodedAlone() {
        final List<String> texts = TestModels.mixedSentences();
        final TokenEmbedder embedder = new TokenEmbedder(model, EmbeddingOptions.builder().layers(0, 4).batchSize(3)
            .build());
        final List<TokenVectors> result = embedder.tokens(texts);
        assertEquals(texts.size(), result.size());
        for (int i = 0; i < texts.size(); i++) {
            final TokenVectors v = result.get(i);
            assertEquals(i, v.index());
            assertArrayEquals(model.tokenizer().encode(texts.get(i)).ids(), v.encoding().ids());
            assertArrayEquals(new int[]{0, 4}, v.layers());
            for (int l = 0; l < 2; l++) {
                final float[] reference = alone(texts.get(i), v.layers()[l]);
                final int hidden = model.config().hiddenSize();
                for (int t = 0; t < v.tokenCount(); t++) {
                    for (int h = 0; h < hidden; h++) {
                        assertEquals(reference[t * hidden + h], v.vectors()[l][t][h], 1e-4,
                            "text " + i + " layer " + v.layers()[l] + " token " + t);
                    }
                }
            }
        }
    }

    @Test
    void specialTokensCanBeLeftOut() {
        final TokenEmbedder embedder = new TokenEmbedder(model, EmbeddingOptions.builder().layers(1)
            .includeSpecialTokens(false).build());
        final TokenVectors v = embedder.tokens(List.of("fish and water")).get(0);
        assertEquals(v.encoding().length() - 2, v.tokenCount());
        for (final int index : v.tokenIndices()) {
            assertTrue(!v.encoding().isSpecial(index));
        }
    }

    @Test
    void meanPoolingIsTheMeanOfTheTokenVectorsAndClsIsTheFirst() {
        final String text = "我喜欢吃鱼";
        final TokenVectors tokens = new TokenEmbedder(model, EmbeddingOptions.builder().layers(2).build())
            .tokens(List.of(text)).get(0);
        final PooledVectors mean = new TokenEmbedder(model, EmbeddingOptions.builder().layers(2)
            .pooling(Pooling.MEAN).build()).pooled(List.of(text)).get(0);
        final PooledVectors cls = new TokenEmbedder(model, EmbeddingOptions.builder().layers(2)
            .pooling(Pooling.CLS).build()).pooled(List.of(text)).get(0);
        final int hidden = model.config().hiddenSize();
        for (int h = 0; h < hidden; h++) {
            double sum = 0;
            for (int t = 0; t < tokens.tokenCount(); t++) {
                sum += tokens.vectors()[0][t][h];
            }
            assertEquals(sum / tokens.tokenCount(), mean.vectors()[0][h], 1e-5);
            assertEquals(tokens.vectors()[0][0][h], cls.vectors()[0][h], 0f);
        }
    }

    @Test
    void cancellationStopsBeforeTheNextBatch() {
        final List<String> texts = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            texts.add("sentence number " + i);
        }
        final AtomicInteger checks = new AtomicInteger();
        final Progress cancelAfterTwo = new Progress() {
            @Override
            public void report(final long done) {
            }

            @Override
            public void checkCancelled() {
                if (checks.incrementAndGet() > 2) {
                    throw new CancellationException("cancelled");
                }
            }
        };
        final List<PooledVectors> out = new ArrayList<>();
        final TokenEmbedder embedder = new TokenEmbedder(model, EmbeddingOptions.builder().layers(1).batchSize(4)
            .pooling(Pooling.MEAN).build());
        assertThrows(CancellationException.class,
            () -> embedder.embedPooled(texts.stream().map(TextInput::of).iterator(), out::add, cancelAfterTwo));
        assertEquals(3, checks.get());
    }

    @Test
    void aLayerOutOfRangeIsNamed() {
        final InvalidOptionException e = assertThrows(InvalidOptionException.class,
            () -> new TokenEmbedder(model, EmbeddingOptions.builder().layers(9).build()));
        assertEquals("layers", e.option());
        assertTrue(e.getMessage().contains("layer 9") && e.getMessage().contains("0 (embedding output) to 4"),
            e.getMessage());
    }

    @Test
    void textPairsAreEncodedTogether() {
        final TokenEmbedder embedder = new TokenEmbedder(model, EmbeddingOptions.builder().layers(4).build());
        final List<TokenVectors> out = new ArrayList<>();
        embedder.embedTokens(List.of(new TextInput("where is the fish", "the fish is in the water")).iterator(),
            out::add, Progress.NONE);
        final TokenizedText enc = out.get(0).encoding();
        assertEquals(1, enc.typeIds()[enc.length() - 2]);
    }
}
