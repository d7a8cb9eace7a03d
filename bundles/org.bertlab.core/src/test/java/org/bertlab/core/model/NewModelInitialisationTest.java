package org.bertlab.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.bertlab.core.encoder.BertConfig;
import org.bertlab.core.encoder.BertLayout;
import org.bertlab.core.testing.TestModels;
import org.bertlab.core.weights.NamedTensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A new BERT is initialised as Hugging Face's {@code _init_weights} does: normal(0, 0.02) weights, and the word
 * embedding of [PAD] zero, the zeroing done after the draws so a seed gives every other weight it gave before.
 */
class NewModelInitialisationTest {

    @TempDir
    Path dir;

    @Test
    void thePaddingRowIsZeroAndEveryOtherWeightIsTheSeedsDraw() {
        final BertConfig config = TestModels.tinyConfig();
        final Map<String, long[]> shapes = new LinkedHashMap<>(BertLayout.encoder(config));
        shapes.putAll(BertLayout.pooler(config));
        shapes.putAll(BertLayout.maskedLm(config));
        final Map<String, NamedTensor> draws = BertLayout.initialise(shapes, 11);
        final int width = config.hiddenSize();
        final int pad = config.padTokenId();
        try (BertModel model = TestModels.tinyRandom(dir, 11)) {
            assertEquals(pad, model.tokenizer().padId(), "the tiny vocabulary's [PAD] is the config's pad id");
            for (final Map.Entry<String, NamedTensor> e : draws.entrySet()) {
                final float[] expected = e.getValue().values().clone();
                if (e.getKey().equals("embeddings.word_embeddings.weight")) {
                    assertTrue(Arrays.stream(Arrays.copyOfRange(toDouble(expected), pad * width, (pad + 1) * width))
                        .anyMatch(v -> v != 0), "the draw itself is not zero");
                    Arrays.fill(expected, pad * width, (pad + 1) * width, 0f);
                }
                assertArrayEquals(expected, model.parameters().get(e.getKey()).toFloatArray(), e.getKey());
            }
        }
    }

    private static double[] toDouble(final float[] values) {
        final double[] d = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            d[i] = values[i];
        }
        return d;
    }
}
