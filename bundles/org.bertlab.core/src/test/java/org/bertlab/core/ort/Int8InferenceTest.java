package org.bertlab.core.ort;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.bertlab.core.encoder.InferenceBackend;
import org.bertlab.core.encoder.InferencePrecision;
import org.bertlab.core.encoder.LayerOutputs;
import org.bertlab.core.encoder.TokenBatch;
import org.bertlab.core.model.BertModel;
import org.bertlab.core.model.InferenceBackends;
import org.bertlab.core.model.LoadOptions;
import org.bertlab.core.model.ModelLoader;
import org.bertlab.core.testing.TestModels;
import org.bertlab.core.tokenize.BertTokenizer;
import org.bertlab.core.tokenize.TokenizedText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ai.djl.ndarray.types.DataType;

/**
 * The int8 graph against fp32: the weight quantisation checked element by element, and every layer's hidden states
 * compared token by token (cosine) with the PyTorch fp32 encoder, on a tiny random model and on the real embedded
 * one. Tolerances: int8 rounds each weight by up to half a step (max |column| / 254) and each activation by up to
 * half a step of its batch's range, so states drift by a few percent of their norm, not more.
 */
class Int8InferenceTest {

    @TempDir
    Path folder;

    @Test
    void quantisationRoundsEveryWeightToTheNearestStepOfItsColumn() {
        final int rows = 37;
        final int cols = 11;
        final float[] w = new float[rows * cols];
        final SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < w.length; i++) {
            // Columns of very different ranges; column 4 all zero.
            final int c = i % cols;
            w[i] = c == 4 ? 0 : (float)((random.nextDouble() * 2 - 1) * Math.pow(10, c % 3 - 1));
        }
        final FusedOnnxGraph.Quantised q = FusedOnnxGraph.quantise(w, rows, cols);
        for (int c = 0; c < cols; c++) {
            float max = 0;
            for (int r = 0; r < rows; r++) {
                max = Math.max(max, Math.abs(w[r * cols + c]));
            }
            final float step = max == 0 ? 1 : max / 127;
            assertEquals(step, q.scales()[c], 1e-6f * Math.max(1, step), "scale of column " + c);
            boolean reachesTheEnd = max == 0;
            for (int r = 0; r < rows; r++) {
                final int v = q.values()[r * cols + c];
                assertTrue(v >= -127 && v <= 127, "value " + v);
                assertEquals(w[r * cols + c], v * step, step / 2 * 1.0001f, "row " + r + ", column " + c);
                reachesTheEnd |= Math.abs(v) == 127;
            }
            assertTrue(reachesTheEnd, "the largest weight of column " + c + " maps to ±127");
        }
    }

    @Test
    void tinyRandomModelInInt8StaysCloseToFp32OnEveryLayer() throws Exception {
        try (BertModel model = TestModels.tinyRandom(folder, 7)) {
            final double[] cosine = cosines(model, model.tokenizer().encodeAll(List.of("the cat sat on the mat",
                "a dog", "the fish is on the mat and the cat sat", "a cat is a cat is a cat")));
            for (int l = 0; l < cosine.length; l++) {
                assertTrue(cosine[l] >= 0.999, "layer " + l + ": lowest token cosine " + cosine[l]);
            }
        }
    }

    @Test
    void embeddedModelInInt8StaysCloseToFp32OnEveryLayer() throws Exception {
        final BertModel model = TestModels.embedded();
        final double[] cosine = cosines(model, model.tokenizer().encodeAll(TestModels.mixedSentences()));
        assertEquals(1.0, cosine[0], 1e-6, "the embedding output has no matrix product");
        for (int l = 1; l < cosine.length; l++) {
            assertTrue(cosine[l] >= 0.97, "layer " + l + ": lowest token cosine " + cosine[l]);
        }
    }

    @Test
    void int8IsTheModelsBackendOnceAskedFor() {
        try (BertModel model = TestModels.tinyRandom(folder, 5)) {
            assertEquals("ONNX Runtime", model.inferenceName());
            model.setInferencePrecision(InferencePrecision.INT8);
            assertEquals("ONNX Runtime, int8", model.inferenceName());
            model.setInferencePrecision(InferencePrecision.FP32);
            assertEquals("ONNX Runtime", model.inferenceName());
        }
    }

    @Test
    void loadingWithPrecisionInt8GivesFp32WeightsAndInt8Inference() throws Exception {
        TestModels.writeTinyVocabulary(folder);
        try (BertModel model = ModelLoader.createRandom(TestModels.tinyConfig(),
            BertTokenizer.fromFolder(folder, true, 64), LoadOptions.DEFAULT.withPrecision("INT8"), 5)) {
            assertEquals(DataType.FLOAT32, model.dataType());
            assertEquals(InferencePrecision.INT8, model.inferencePrecision());
            assertEquals("", model.deviceNote());
            assertEquals("ONNX Runtime, int8", model.inferenceName());
        }
    }

    /**
     * Per layer, the lowest cosine between a token's int8 and fp32 (PyTorch) hidden states; checks on the way that
     * int8 is really computed: the top layer must differ from fp32 by more than fp32 backends differ from each other
     * (1e-4, {@link InferenceParityTest}).
     */
    private static double[] cosines(final BertModel model, final List<TokenizedText> texts) throws Exception {
        final TokenBatch.Padded batch = TokenBatch.pad(texts, model.tokenizer().padId());
        final int[] layers = new int[model.config().numLayers() + 1];
        Arrays.setAll(layers, i -> i);
        try (InferenceBackend int8 = OrtInference.create(model.config(), model.parameters(),
            InferencePrecision.INT8);
            InferenceBackend fp32 = InferenceBackends.pytorch(model.config(), model.parameters())) {
            final LayerOutputs a = int8.run(batch, layers);
            final LayerOutputs b = fp32.run(batch, layers);
            final double[] lowest = new double[layers.length];
            Arrays.fill(lowest, 1);
            double topDifference = 0;
            for (int l = 0; l < layers.length; l++) {
                for (int t = 0; t < texts.size(); t++) {
                    for (int i = 0; i < texts.get(t).length(); i++) {
                        double dot = 0;
                        double na = 0;
                        double nb = 0;
                        for (int h = 0; h < a.hidden(); h++) {
                            final double x = a.states()[l][a.offset(t, i) + h];
                            final double y = b.states()[l][b.offset(t, i) + h];
                            dot += x * y;
                            na += x * x;
                            nb += y * y;
                            if (l == layers.length - 1) {
                                topDifference = Math.max(topDifference, Math.abs(x - y));
                            }
                        }
                        lowest[l] = Math.min(lowest[l], dot / Math.sqrt(na * nb));
                    }
                }
            }
            assertTrue(topDifference > 1e-4, "int8 gives fp32's numbers: " + topDifference);
            return lowest;
        }
    }
}
