package org.bertlab.core.encoder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.bertlab.core.model.BertModel;
import org.bertlab.core.model.EmbeddedModel;
import org.bertlab.core.model.InferenceBackends;
import org.bertlab.core.model.LoadOptions;
import org.bertlab.core.model.TrainableModel;
import org.bertlab.core.testing.TestModels;
import org.bertlab.core.tokenize.TokenizedText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ai.djl.ndarray.NDArray;

/**
 * ONNX Runtime on the fused graph written from a model's weights and the PyTorch encoder must give the same hidden
 * states on every layer (real tokens; padding rows are not compared), for the real embedded model and for a tiny
 * random one, and the model must make a new backend once its weights change.
 */
class InferenceParityTest {

    @TempDir
    Path folder;

    @Test
    void everyLayerOfTheEmbeddedModelMatchesThePyTorchEncoder() {
        final BertModel model = TestModels.embedded();
        assertParity(model, model.tokenizer().encodeAll(TestModels.mixedSentences()), 1e-4);
    }

    @Test
    void everyLayerOfATinyRandomModelMatchesThePyTorchEncoder() {
        try (BertModel model = TestModels.tinyRandom(folder, 7)) {
            assertParity(model, model.tokenizer().encodeAll(List.of("the cat sat on the mat", "a dog",
                "the fish is on the mat and the cat sat")), 1e-5);
        }
    }

    @Test
    void onlyTheLayersAskedForComeBack() {
        final BertModel model = TestModels.embedded();
        final TokenBatch.Padded batch = TokenBatch.pad(model.tokenizer().encodeAll(List.of("Fish", "我喜欢吃鱼。")),
            model.tokenizer().padId());
        final int top = model.config().numLayers();
        try (InferenceBackend ort = InferenceBackends.onnxRuntime(model.config(), model.parameters(),
            InferencePrecision.FP32).orElseThrow()) {
            final LayerOutputs all = ort.run(batch, new int[]{0, 1, top});
            final LayerOutputs one = ort.run(batch, new int[]{top});
            assertArrayEquals(new int[]{top}, one.layers());
            assertEquals(1, one.states().length);
            assertArrayEquals(all.states()[2], one.states()[0], 0f);
        }
    }

    @Test
    void aChangedWeightGivesANewBackendThatSeesIt() throws Exception {
        try (TrainableModel trainable = TrainableModel.of(EmbeddedModel.load(LoadOptions.DEFAULT))) {
            final BertModel model = trainable.model();
            assertEquals("ONNX Runtime", model.inferenceName());
            final TokenBatch.Padded batch = TokenBatch.pad(model.tokenizer().encodeAll(List.of("水")),
                model.tokenizer().padId());
            final int top = model.config().numLayers();
            final float[] old = model.runInference(batch, new int[]{top}).states()[0];

            // ONNX Runtime holds a copy of the weights: only a new backend sees the change.
            final String bias = "encoder.layer." + (top - 1) + ".output.LayerNorm.bias";
            final NDArray shifted = model.parameters().get(bias).add(1f);
            trainable.parameters().put(bias, shifted);

            assertEquals("ONNX Runtime", model.inferenceName());
            final float[] now = model.runInference(batch, new int[]{top}).states()[0];
            for (int i = 0; i < old.length; i++) {
                assertEquals(old[i] + 1f, now[i], 1e-4f, "value " + i);
            }
        }
    }

    private static void assertParity(final BertModel model, final List<TokenizedText> texts, final double tolerance) {
        final TokenBatch.Padded batch = TokenBatch.pad(texts, model.tokenizer().padId());
        final int[] layers = new int[model.config().numLayers() + 1];
        Arrays.setAll(layers, i -> i);
        try (InferenceBackend ort = InferenceBackends.onnxRuntime(model.config(), model.parameters(),
            InferencePrecision.FP32).orElseThrow();
            InferenceBackend torch = InferenceBackends.pytorch(model.config(), model.parameters())) {
            final LayerOutputs a = ort.run(batch, layers);
            final LayerOutputs b = torch.run(batch, layers);
            assertArrayEquals(layers, a.layers());
            for (int l = 0; l < layers.length; l++) {
                double max = 0;
                for (int t = 0; t < texts.size(); t++) {
                    for (int i = 0; i < texts.get(t).length(); i++) {
                        for (int h = 0; h < a.hidden(); h++) {
                            max = Math.max(max, Math.abs(a.states()[l][a.offset(t, i) + h]
                                - b.states()[l][b.offset(t, i) + h]));
                        }
                    }
                }
                assertTrue(max < tolerance, "layer " + l + ": max abs difference " + max);
            }
        }
    }
}
