package org.bertlab.core.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.bertlab.core.encoder.TokenBatch;
import org.bertlab.core.model.BertModel;
import org.bertlab.core.tokenize.TokenizedText;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Sequence classification: weighted cross-entropy of the {@code classifier} head over the pooled [CLS] state.
 * Validation ({@link ValidationStates}: on the inference backend) reports accuracy and macro F1 (the mean over
 * classes of each class's F1).
 */
final class ClassificationTask implements TrainingTask {

    private final List<TokenizedText> train;

    private final int[] trainLabels;

    private final List<TokenizedText> validation;

    private final int[] validationLabels;

    private final float[] classWeights;

    private final int padId;

    ClassificationTask(final List<TokenizedText> train, final int[] trainLabels, final List<TokenizedText> validation,
        final int[] validationLabels, final float[] classWeights, final int padId) {
        this.train = train;
        this.trainLabels = trainLabels;
        this.validation = validation;
        this.validationLabels = validationLabels;
        this.classWeights = classWeights;
        this.padId = padId;
    }

    @Override
    public int size() {
        return train.size();
    }

    @Override
    public NDArray loss(final BertModel model, final NDManager manager, final int[] indices, final Random random) {
        final List<TokenizedText> texts = new ArrayList<>(indices.length);
        final long[] labels = new long[indices.length];
        final float[] weights = new float[indices.length];
        for (int i = 0; i < indices.length; i++) {
            texts.add(train.get(indices[i]));
            labels[i] = trainLabels[indices[i]];
            weights[i] = classWeights[trainLabels[indices[i]]];
        }
        final TokenBatch batch = TokenBatch.of(manager, texts, padId);
        final NDArray hidden = model.backbone().forward(batch.inputIds(), batch.typeIds(), batch.attentionMask(),
            true).last();
        final NDArray logits = logits(model, hidden, true);
        final NDArray picked = logits.logSoftmax(-1).gather(manager.create(labels, new Shape(labels.length, 1)), -1)
            .squeeze(-1);
        // As PyTorch's CrossEntropyLoss(weight=...): the weighted sum divided by the sum of the weights.
        final NDArray w = manager.create(weights);
        return picked.mul(w).sum().div(w.sum()).neg();
    }

    /** The classifier's float logits [batch, classes] from the top layer's hidden states. */
    private static NDArray logits(final BertModel model, final NDArray hidden, final boolean training) {
        return model.heads().classifierLogits(hidden, training).toType(DataType.FLOAT32, false);
    }

    @Override
    public boolean hasValidation() {
        return !validation.isEmpty();
    }

    @Override
    public Evaluation evaluate(final BertModel model, final int batchSize) {
        final int classes = classWeights.length;
        final int[][] confusion = new int[classes][classes];
        double lossSum = 0;
        for (int from = 0; from < validation.size(); from += batchSize) {
            final int to = Math.min(validation.size(), from + batchSize);
            try (NDManager manager = model.newBatchManager()) {
                final NDArray hidden = ValidationStates.topLayer(model, manager,
                    TokenBatch.pad(validation.subList(from, to), padId));
                final NDArray logProbs = logits(model, hidden, false).logSoftmax(-1);
                final float[] values = logProbs.toFloatArray();
                for (int i = from; i < to; i++) {
                    final int row = (i - from) * classes;
                    int best = 0;
                    for (int c = 1; c < classes; c++) {
                        if (values[row + c] > values[row + best]) {
                            best = c;
                        }
                    }
                    lossSum -= values[row + validationLabels[i]];
                    confusion[validationLabels[i]][best]++;
                }
            }
        }
        int correct = 0;
        double f1Sum = 0;
        int present = 0;
        for (int c = 0; c < classes; c++) {
            correct += confusion[c][c];
            int predicted = 0;
            int actual = 0;
            for (int o = 0; o < classes; o++) {
                predicted += confusion[o][c];
                actual += confusion[c][o];
            }
            if (actual + predicted > 0) {
                present++;
                f1Sum += 2.0 * confusion[c][c] / (actual + predicted);
            }
        }
        final int n = validation.size();
        return new Evaluation(lossSum / n, (double)correct / n, Double.NaN, present == 0 ? Double.NaN
            : f1Sum / present);
    }
}
