package org.bertlab.core.encoder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.util.Arrays;
import java.util.List;

import org.bertlab.core.model.BertModel;
import org.bertlab.core.model.EmbeddedModel;
import org.bertlab.core.model.LoadOptions;
import org.bertlab.core.model.TokenBatch;
import org.bertlab.core.testing.TestModels;
import org.bertlab.core.tokenize.TokenizedText;
import org.junit.jupiter.api.Test;

/**
 * The ONNX Runtime backend (every layer exposed as a graph output) and the PyTorch encoder must give the same hidden
 * states on every layer, and the model must leave ONNX Runtime once its weights change.
 */
class InferenceParityTest {

    @Test
    void everyLayerMatchesThePyTorchEncoder() throws Exception {
        final BertModel model = TestModels.embedded();
        final List<TokenizedText> texts = model.tokenizer().encodeAll(TestModels.mixedSentences());
        final TokenBatch.Padded batch = TokenBatch.pad(texts, model.tokenizer().padId());
        final int[] layers = new int[model.config().numLayers() + 1];
        Arrays.setAll(layers, i -> i);
        final byte[] onnx;
        try (InputStream in = BertModel.class.getResourceAsStream("/bge-small-zh-v1.5.onnx")) {
            onnx = in.readAllBytes();
        }
        try (InferenceBackend ort = InferenceBackends.onnxRuntime(model.config(), onnx).orElseThrow();
            InferenceBackend torch = InferenceBackends.pytorch(model.config(), model.parameters())) {
            final LayerOutputs a = ort.run(batch, layers);
            final LayerOutputs b = torch.run(batch, layers);
            assertArrayEquals(layers, a.layers());
            for (int l = 0; l < layers.length; l++) {
                assertEquals(b.states()[l].length, a.states()[l].length, "layer " + l + " size");
                double max = 0;
                for (int t = 0; t < texts.size(); t++) {
                    for (int i = 0; i < texts.get(t).length(); i++) {
                        for (int h = 0; h < a.hidden(); h++) {
                            final int at = a.offset(t, i) + h;
                            max = Math.max(max, Math.abs(a.states()[l][at] - b.states()[l][at]));
                        }
                    }
                }
                assertTrue(max < 1e-4, "layer " + l + ": max abs difference " + max);
            }
            // Only the layers asked for come back.
            final LayerOutputs top = ort.run(batch, new int[]{layers.length - 1});
            assertEquals(1, top.states().length);
            assertArrayEquals(a.states()[layers.length - 1], top.states()[0], 0f);
        }
    }

    @Test
    void theEmbeddedModelRunsOnOnnxRuntimeUntilItsWeightsChange() throws Exception {
        try (BertModel model = EmbeddedModel.load(LoadOptions.DEFAULT)) {
            assertEquals("ONNX Runtime", model.inference().name());
            model.parameters().requireGradients(name -> false);
            assertNotEquals("ONNX Runtime", model.inference().name());
        }
    }
}
