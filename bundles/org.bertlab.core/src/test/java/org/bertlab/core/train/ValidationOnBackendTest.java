package org.bertlab.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.bertlab.core.encoder.BertHeads;
import org.bertlab.core.model.BertModel;
import org.bertlab.core.model.TrainableModel;
import org.bertlab.core.runtime.DjlRuntime;
import org.bertlab.core.testing.TestModels;
import org.bertlab.core.tokenize.TokenizedText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * Validation runs on the inference backend (ONNX Runtime here), which holds a copy of the weights: each epoch's
 * score must be that of the weights after the epoch, as the PyTorch encoder and heads compute it independently.
 */
class ValidationOnBackendTest {

    @TempDir
    Path dir;

    @Test
    void lastEpochsValidationLossIsThatOfTheTrainedWeights() {
        final List<ClassificationExample> validation = ToyData.colours(24, 9);
        try (TrainableModel trainable = TestModels.tinyTrainable(dir.resolve("m"), 3)) {
            final BertModel model = trainable.model();
            final FineTuneResult result = new FineTuner(ClassificationTrainingTest.tiny().epochs(2).build())
                .classify(trainable, ToyData.colours(48, 5), validation, TrainingProgress.NONE);
            assertTrue(model.inferenceName().contains("ONNX"), model.inferenceName());
            final double epoch1 = result.epochs().get(0).validationLoss();
            final double epoch2 = result.last().validationLoss();
            assertNotEquals(epoch1, epoch2, "the weights changed between the epochs");
            assertEquals(pytorchValidationLoss(model, validation), epoch2, 1e-5);
        }
    }

    /** Mean cross-entropy of the labels (sorted: blue, red) on the PyTorch encoder and head, without dropout. */
    private static double pytorchValidationLoss(final BertModel model, final List<ClassificationExample> rows) {
        final List<String> labels = model.config().labels();
        final List<TokenizedText> texts = rows.stream().map(r -> model.tokenizer().encode(r.text(), r.pair()))
            .toList();
        return DjlRuntime.call(() -> {
            try (NDManager manager = model.newBatchManager()) {
                final NDArray hidden = TestModels.encode(model, manager, texts, model.config().numLayers()).last();
                final BertHeads heads = model.heads();
                final float[] logProbs = heads.classifierLogits(hidden, false).logSoftmax(-1).toFloatArray();
                double sum = 0;
                for (int i = 0; i < rows.size(); i++) {
                    sum -= logProbs[i * labels.size() + labels.indexOf(rows.get(i).label())];
                }
                return sum / rows.size();
            }
        });
    }
}
