package org.bertlab.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.bertlab.core.model.BertModel;
import org.bertlab.core.model.TrainableModel;
import org.bertlab.core.runtime.DjlRuntime;
import org.bertlab.core.testing.GarbageCollection;
import org.bertlab.core.testing.TestModels;
import org.bertlab.core.tokenize.TokenizedText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * A garbage collection between the forward and the backward pass of every step changes no weight: everything the
 * backward pass reads is kept alive by PyTorch or by the step's manager, not by the timing of the collector.
 */
class CollectionDuringTrainingTest {

    @TempDir
    Path dir;

    @Test
    void collectingBetweenForwardAndBackwardGivesTheSameWeightsBitForBit() {
        final Map<String, float[]> quiet = train(dir.resolve("quiet"), false);
        final Map<String, float[]> collected = train(dir.resolve("collected"), true);
        assertEquals(quiet.keySet(), collected.keySet());
        quiet.forEach((name, w) -> assertArrayEquals(w, collected.get(name), 0f, name));
    }

    private static Map<String, float[]> train(final Path folder, final boolean collect) {
        final FineTuneOptions options = FineTuneOptions.builder().epochs(1).batchSize(8).learningRate(3e-3)
            .warmupFraction(0.1).seed(11).build();
        final List<ClassificationExample> rows = ToyData.colours(24, 5);
        try (TrainableModel trainable = TestModels.tinyTrainable(folder, 3)) {
            final BertModel model = trainable.model();
            final List<TokenizedText> texts = rows.stream().map(r -> model.tokenizer().encode(r.text())).toList();
            final int[] labels = rows.stream().mapToInt(r -> "red".equals(r.label()) ? 1 : 0).toArray();
            new FineTuner(options).ensureClassifierForBenchmark(trainable, List.of("blue", "red"));
            final TrainingTask task = new ClassificationTask(texts, labels, List.of(), new int[0], new float[]{1f, 1f},
                model.tokenizer().padId());
            final TrainingLoop.Outcome outcome = TrainingLoop.run(trainable, collect ? collectingAfterForward(task) : task,
                options, TrainingProgress.NONE, new ArrayList<>());
            assertEquals(1, outcome.epochs().size());
            return DjlRuntime.call(() -> {
                final Map<String, float[]> weights = new LinkedHashMap<>();
                model.parameters().entries().forEach(e -> weights.put(e.getKey(), e.getValue().toFloatArray()));
                return weights;
            });
        }
    }

    /** The task, with a full collection (cleaners run) after each forward pass, before its backward pass. */
    private static TrainingTask collectingAfterForward(final TrainingTask task) {
        return new TrainingTask() {
            @Override
            public int size() {
                return task.size();
            }

            @Override
            public NDArray loss(final BertModel model, final NDManager manager, final int[] indices,
                final Random random) {
                final NDArray loss = task.loss(model, manager, indices, random);
                GarbageCollection.collectAndRunCleaners();
                return loss;
            }

            @Override
            public boolean hasValidation() {
                return task.hasValidation();
            }

            @Override
            public Evaluation evaluate(final BertModel model, final int batchSize) {
                return task.evaluate(model, batchSize);
            }
        };
    }
}
