package org.bertlab.core.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.bertlab.core.encoder.BertLayout;
import org.bertlab.core.encoder.LayerOutputs;
import org.bertlab.core.encoder.TokenBatch;
import org.bertlab.core.model.BertModel;
import org.bertlab.core.model.TrainableModel;
import org.bertlab.core.runtime.DjlRuntime;
import org.bertlab.core.testing.TestModels;
import org.bertlab.core.tokenize.TokenizedText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;

/**
 * Prediction runs the encoder on the model's inference backend (ONNX Runtime here) and the heads in Java; the same
 * numbers come out of the PyTorch encoder with the PyTorch heads that training uses, which this test computes
 * independently.
 */
class PredictionBackendParityTest {

    private static final List<String> TEXTS = List.of("the cat sat on the mat", "a dog runs", "fish",
        "the big red dog eats the small blue fish and the cat sat");

    @TempDir
    Path dir;

    @Test
    void classProbabilitiesAreThoseOfThePyTorchHeads() {
        try (TrainableModel trainable = TestModels.tinyTrainable(dir, 4)) {
            final BertModel model = trainable.model();
            TestModels.addHeads(trainable, BertLayout.classifier(model.config(), 3), 11);
            assertTrue(model.inferenceName().startsWith("ONNX Runtime"), model.inferenceName());
            final List<TokenizedText> encoded = model.tokenizer().encodeAll(TEXTS);
            final LayerOutputs top = model.runInference(TokenBatch.pad(encoded, model.tokenizer().padId()),
                new int[]{model.config().numLayers()});
            final HostHeads heads = HostHeads.classifier(model);
            final float[] torch = DjlRuntime.call(() -> {
                try (NDManager m = model.newBatchManager()) {
                    final TokenBatch t = TokenBatch.of(m, encoded, model.tokenizer().padId());
                    final NDArray hidden = model.backbone().forward(t.inputIds(), t.typeIds(), t.attentionMask(),
                        false).last();
                    return model.heads().classifierLogits(hidden, false).toType(DataType.FLOAT32, false).softmax(-1)
                        .toFloatArray();
                }
            });
            for (int b = 0; b < TEXTS.size(); b++) {
                final float[] host = heads.classProbabilities(top.states()[0], top.offset(b, 0));
                for (int c = 0; c < 3; c++) {
                    assertEquals(torch[b * 3 + c], host[c], 1e-5, TEXTS.get(b) + ", class " + c);
                }
            }
        }
    }

    @Test
    void spanLogitsAreThoseOfThePyTorchHead() {
        try (TrainableModel trainable = TestModels.tinyTrainable(dir, 5)) {
            final BertModel model = trainable.model();
            TestModels.addHeads(trainable, BertLayout.questionAnswering(model.config()), 11);
            final List<TokenizedText> encoded = model.tokenizer().encodeAll(TEXTS);
            final LayerOutputs top = model.runInference(TokenBatch.pad(encoded, model.tokenizer().padId()),
                new int[]{model.config().numLayers()});
            final HostHeads heads = HostHeads.questionAnswering(model);
            final List<float[]> torch = DjlRuntime.call(() -> {
                try (NDManager m = model.newBatchManager()) {
                    final TokenBatch t = TokenBatch.of(m, encoded, model.tokenizer().padId());
                    final NDArray hidden = model.backbone().forward(t.inputIds(), t.typeIds(), t.attentionMask(),
                        false).last();
                    final NDArray logits = model.heads().questionAnsweringLogits(hidden);
                    final List<float[]> rows = new ArrayList<>();
                    for (int b = 0; b < TEXTS.size(); b++) {
                        rows.add(logits.get(b).toType(DataType.FLOAT32, false).toFloatArray());
                    }
                    return rows;
                }
            });
            for (int b = 0; b < TEXTS.size(); b++) {
                final int tokens = encoded.get(b).length();
                final float[][] host = heads.spanLogits(top.states()[0], top.offset(b, 0), tokens);
                for (int t = 0; t < tokens; t++) {
                    assertEquals(torch.get(b)[2 * t], host[0][t], 1e-4, TEXTS.get(b) + ", start of token " + t);
                    assertEquals(torch.get(b)[2 * t + 1], host[1][t], 1e-4, TEXTS.get(b) + ", end of token " + t);
                }
            }
        }
    }
}
