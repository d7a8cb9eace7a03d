package org.bertlab.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.bertlab.core.encoder.EncoderOutput;
import org.bertlab.core.encoder.TokenBatch;
import org.bertlab.core.runtime.DjlRuntime;
import org.bertlab.core.testing.TestModels;
import org.bertlab.core.tokenize.TokenizedText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;

/** Every weight of encoder and MLM head takes part in the computation: a gradient reaches each one. */
class GradientTest {

    @TempDir
    Path dir;

    @Test
    void oneOptimiserStepChangesEveryWeightAndLowersTheLoss() {
        try (TrainableModel trainable = TestModels.tinyTrainable(dir, 7)) {
            final BertModel model = trainable.model();
            final List<TokenizedText> batch = model.tokenizer()
                .encodeAll(List.of("the cat sat on the mat", "a dog eats fish", "the bird runs"));
            final List<NDArray> trained = trainable.parameters().requireGradients(name -> true);
            assertEquals(model.parameters().names().size(), trained.size());
            final Map<String, float[]> before = new HashMap<>();
            model.parameters().entries().forEach(e -> before.put(e.getKey(), e.getValue().toFloatArray()));
            final Optimizer adam = Optimizer.adam().optLearningRateTracker(Tracker.fixed(1e-2f)).build();

            final float loss0 = DjlRuntime.call(() -> step(model, batch, adam, true));
            for (final var e : model.parameters().entries()) {
                final float[] b = before.get(e.getKey());
                final float[] a = e.getValue().toFloatArray();
                double change = 0;
                for (int i = 0; i < a.length; i++) {
                    change = Math.max(change, Math.abs(a[i] - b[i]));
                }
                assertTrue(change > 0, "weight " + e.getKey() + " did not change: no gradient reached it");
            }
            final float loss1 = DjlRuntime.call(() -> step(model, batch, adam, false));
            assertTrue(loss1 < loss0, "loss did not go down: " + loss0 + " -> " + loss1);
        }
    }

    /** Masked-LM loss of predicting every real token of the batch from its hidden state (dropout off). */
    private static float step(final BertModel model, final List<TokenizedText> texts, final Optimizer adam,
        final boolean update) {
        try (NDManager m = model.newBatchManager(); GradientCollector collector = Engine.getInstance()
            .newGradientCollector()) {
            final TokenBatch batch = TokenBatch.of(m, texts, model.tokenizer().padId());
            final EncoderOutput out = model.backbone().forward(batch.inputIds(), batch.typeIds(),
                batch.attentionMask(), false);
            final NDArray pooled = model.heads().pool(out.last());
            final NDArray logits = model.heads().maskedLmLogits(out.last()).logSoftmax(-1);
            final NDArray picked = logits.gather(batch.inputIds().expandDims(-1), -1).squeeze(-1);
            final NDArray mask = batch.attentionMask().toType(picked.getDataType(), false);
            // The pooler joins the loss through a small term so that its weights get a gradient too.
            final NDArray loss = picked.mul(mask).sum().div(mask.sum()).neg().add(pooled.square().mean().mul(1e-3f));
            final float value = loss.getFloat();
            if (update) {
                collector.backward(loss);
                for (final var e : model.parameters().entries()) {
                    assertNotNull(e.getValue().getGradient(), e.getKey());
                    adam.update(e.getKey(), e.getValue(), e.getValue().getGradient());
                }
            }
            return value;
        }
    }
}
