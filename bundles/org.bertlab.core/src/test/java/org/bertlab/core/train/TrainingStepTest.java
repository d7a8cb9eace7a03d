package org.bertlab.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.bertlab.core.encoder.DropoutMasks;
import org.bertlab.core.model.BertModel;
import org.bertlab.core.model.TrainableModel;
import org.bertlab.core.runtime.DjlRuntime;
import org.bertlab.core.testing.TestModels;
import org.bertlab.core.tokenize.TokenizedText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.optimizer.Optimizer;

/**
 * Each training step must hand the optimiser that step's gradient only (PyTorch adds every backward pass into the
 * weights' gradients, so a loop that does not clear them gives step n the sum of n gradients), and a step whose
 * gradients are not finite must change nothing.
 */
class TrainingStepTest {

    @TempDir
    Path folder;

    @Test
    void theSameBatchTwiceGivesTheOptimiserTheSameGradientTwice() {
        try (TrainableModel trainable = TestModels.tinyTrainable(folder, 3)) {
            final BertModel model = trainable.model();
            final List<TokenizedText> texts = model.tokenizer().encodeAll(List.of("the cat sat on the mat",
                "a dog eats fish", "the bird runs", "fish is on the mat"));
            final ClassificationTask task = new ClassificationTask(texts, new int[]{0, 1, 0, 1}, List.of(),
                new int[0], new float[]{1, 1}, model.tokenizer().padId());
            final FineTuneOptions options = FineTuneOptions.builder().epochs(1).batchSize(4).build();
            new FineTuner(options).ensureClassifierForBenchmark(trainable, List.of("a", "b"));
            DjlRuntime.run(() -> {
                final List<NDArray> trained = trainable.parameters().requireGradients(name -> true);
                // Records what it is given and leaves the weights alone, so both steps see the same model.
                final Recording first = new Recording();
                final Recording second = new Recording();
                DropoutMasks.seed(9);
                TrainingLoop.step(trainable, task, new int[]{0, 1, 2, 3}, new Random(1), first, first, options);
                DropoutMasks.seed(9);
                TrainingLoop.step(trainable, task, new int[]{0, 1, 2, 3}, new Random(1), second, second, options);
                assertEquals(trained.size(), first.gradients.size());
                double largest = 0;
                for (final Map.Entry<String, float[]> e : first.gradients.entrySet()) {
                    assertArrayEquals(e.getValue(), second.gradients.get(e.getKey()), 1e-6f, e.getKey());
                    for (final float g : e.getValue()) {
                        largest = Math.max(largest, Math.abs(g));
                    }
                }
                assertTrue(largest > 0, "the gradients are not all zero");
            });
        }
    }

    @Test
    void aStepWithNonFiniteGradientsChangesNothingAndTooManyEndTheRun() {
        try (TrainableModel trainable = TestModels.tinyTrainable(folder, 4)) {
            final BertModel model = trainable.model();
            final float[] before = model.parameters().get("embeddings.LayerNorm.bias").toFloatArray();
            final List<String> notes = new ArrayList<>();
            final FineTuneOptions twoSteps = FineTuneOptions.builder().epochs(1).batchSize(2).build();
            TrainingLoop.run(trainable, new NanGradientTask(4), twoSteps, TrainingProgress.NONE, notes);
            assertTrue(notes.contains("2 of 2 steps skipped: their gradients were not finite, so they changed no "
                + "weight"), notes.toString());
            assertArrayEquals(before, model.parameters().get("embeddings.LayerNorm.bias").toFloatArray(), 0f);

            final FineTuneOptions fiveSteps = FineTuneOptions.builder().epochs(1).batchSize(1).build();
            final TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> TrainingLoop.run(trainable, new NanGradientTask(5), fiveSteps, TrainingProgress.NONE, notes));
            assertTrue(e.getMessage().contains("not finite in 4 steps"), e.getMessage());
        }
    }

    /** Loss sqrt(|b − b|) of a bias: 0, a finite value, whose gradient is 0 × ∞ = NaN. */
    private record NanGradientTask(int size) implements TrainingTask {

        @Override
        public NDArray loss(final BertModel model, final NDManager manager, final int[] indices,
            final Random random) {
            final NDArray bias = model.parameters().get("embeddings.LayerNorm.bias");
            return bias.sub(bias).abs().sqrt().sum();
        }

        @Override
        public boolean hasValidation() {
            return false;
        }

        @Override
        public Evaluation evaluate(final BertModel model, final int batchSize) {
            return Evaluation.NONE;
        }
    }

    private static final class Recording extends Optimizer {

        final Map<String, float[]> gradients = new LinkedHashMap<>();

        Recording() {
            super(new Builder());
        }

        @Override
        public void update(final String parameterId, final NDArray weight, final NDArray grad) {
            gradients.put(parameterId, grad.toFloatArray());
        }

        private static final class Builder extends OptimizerBuilder<Builder> {

            @Override
            protected Builder self() {
                return this;
            }
        }
    }
}
