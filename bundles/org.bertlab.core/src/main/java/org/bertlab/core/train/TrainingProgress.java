package org.bertlab.core.train;

import java.util.concurrent.CancellationException;

/**
 * Progress of a training run, reported after every optimiser step and every epoch, and the way to cancel it: the
 * loop calls {@link #checkCancelled()} before each step, so a cancel takes effect within one step.
 */
public interface TrainingProgress {

    /** Does nothing and never cancels. */
    TrainingProgress NONE = new TrainingProgress() {
    };

    /**
     * @param epoch 1-based epoch
     * @param step 1-based optimiser step of the whole run
     * @param totalSteps steps the run will make if it is not stopped early
     * @param loss the step's training loss
     * @param learningRate the learning rate the step used
     */
    default void step(final int epoch, final int step, final int totalSteps, final double loss,
        final double learningRate) {
    }

    default void epoch(final EpochStatistics statistics) {
    }

    /** @throws CancellationException to stop the run before the next step */
    default void checkCancelled() throws CancellationException {
    }
}
