package org.bertlab.core.train;

/**
 * What one epoch achieved. Metrics that do not fit the task, or that need a validation set that does not exist,
 * are NaN.
 *
 * @param epoch 1-based epoch
 * @param steps optimiser steps done so far in the run
 * @param trainLoss mean training loss of the epoch's steps
 * @param validationLoss mean loss on the validation set after the epoch
 * @param accuracy classification accuracy, or masked-token accuracy for masked-LM, on the validation set
 * @param exactMatch QA exact match (SQuAD normalisation) on the validation set
 * @param f1 QA token F1, or macro F1 over classes for classification, on the validation set
 * @param seconds wall-clock seconds of the epoch, validation included
 */
public record EpochStatistics(int epoch, int steps, double trainLoss, double validationLoss, double accuracy,
    double exactMatch, double f1, double seconds) {
}
