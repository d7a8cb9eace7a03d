package org.bertlab.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.bertlab.core.model.BertModel;
import org.bertlab.core.model.TrainableModel;
import org.bertlab.core.testing.TestModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Classification on a separable toy task, and the same seed giving the same run. */
class ClassificationTrainingTest {

    @TempDir
    Path dir;

    static FineTuneOptions.Builder tiny() {
        return FineTuneOptions.builder().epochs(6).batchSize(16).learningRate(3e-3).warmupFraction(0.1)
            .validationFraction(0.2).seed(11);
    }

    @Test
    void separableToyTaskReachesNinetyFivePercent() {
        try (TrainableModel trainable = TestModels.tinyTrainable(dir.resolve("m"), 3)) {
            final BertModel model = trainable.model();
            final List<double[]> steps = new ArrayList<>();
            final FineTuneResult result = new FineTuner(tiny().build()).classify(trainable, ToyData.colours(200, 5),
                null, new TrainingProgress() {
                    @Override
                    public void step(final int epoch, final int step, final int total, final double loss,
                        final double lr) {
                        steps.add(new double[]{step, total, loss, lr});
                    }
                });
            final EpochStatistics last = result.last();
            assertTrue(last.accuracy() >= 0.95, "validation accuracy " + last.accuracy() + " in " + result.epochs());
            assertEquals(List.of("blue", "red"), model.config().labels());
            assertTrue(model.heads().hasClassifier());
            assertEquals(40, result.validationExamples());
            assertEquals(steps.size(), (int)steps.get(0)[1], "one progress report per step");
            assertTrue(last.trainLoss() < result.epochs().get(0).trainLoss());
            // Warm-up then linear decay: the peak is in the middle, the last step is small.
            final double peak = steps.stream().mapToDouble(s -> s[3]).max().orElseThrow();
            assertEquals(3e-3, peak, 1e-9);
            assertTrue(steps.get(0)[3] < peak && steps.get(steps.size() - 1)[3] < peak / 5);
        }
    }

    @Test
    void sameSeedSameResult() {
        final FineTuneOptions options = tiny().epochs(1).build();
        final double[] losses = new double[2];
        for (int run = 0; run < 2; run++) {
            try (TrainableModel trainable = TestModels.tinyTrainable(dir.resolve("r" + run), 3)) {
                final BertModel model = trainable.model();
                final FineTuneResult r = new FineTuner(options).classify(trainable, ToyData.colours(48, 5), null,
                    TrainingProgress.NONE);
                losses[run] = r.last().trainLoss() + r.last().validationLoss();
            }
        }
        assertEquals(losses[0], losses[1], 0.0, "same seed, same device: the same losses");
    }
}
