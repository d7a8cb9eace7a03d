package org.bertlab.core.train;

import java.util.List;

/**
 * What one task adds to the shared fine-tuning flow of {@link FineTuner} (clean the tables, hold out validation
 * rows, prepare, train, finish): which rows it can use, how it turns them into a {@link TrainingTask}, and the head it
 * needs on the model.
 *
 * @param <R> a row of the task's table
 */
interface TaskPreparer<R> {

    /** What a usable row has, for the message about a table without any ("text and a label"). */
    String needs();

    /**
     * The usable rows of a table, the others counted in {@code skipped} ("2 training row(s) without text").
     *
     * @param table "training" or "validation", for the messages
     */
    List<R> clean(List<R> rows, String table, List<String> skipped);

    /**
     * Tokenises the rows, checks them against the vocabulary and adds the head the task trains when the model lacks
     * it; adjustments go to {@code notes}.
     */
    TrainingTask prepare(List<R> train, List<R> validation, List<String> notes);

    /** Called after training: what the trained model must carry (QA: its window settings). */
    default void finish() {
    }
}
