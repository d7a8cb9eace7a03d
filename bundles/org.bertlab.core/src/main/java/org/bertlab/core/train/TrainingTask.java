package org.bertlab.core.train;

import java.util.Random;

import org.bertlab.core.model.BertModel;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/** One head's part of the shared training loop: the loss of a batch of training features and the validation. */
interface TrainingTask {

    /** Number of training features (QA: windows) that make up an epoch. */
    int size();

    /**
     * The mean loss of the training features at {@code indices}, computed in {@code manager}.
     *
     * @param random the run's random source (masking)
     */
    NDArray loss(BertModel model, NDManager manager, int[] indices, Random random);

    /** Whether there is a validation set. */
    boolean hasValidation();

    /** Loss and metrics on the validation set, without dropout or gradients. */
    Evaluation evaluate(BertModel model, int batchSize);

    /** Validation results; NaN where a metric does not fit the task. */
    record Evaluation(double loss, double accuracy, double exactMatch, double f1) {

        static final Evaluation NONE = new Evaluation(Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }
}
