package org.bertlab.core.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.bertlab.core.mapping.AttachedMapping;
import org.bertlab.core.model.TrainableModel;

/**
 * Trains a BERT for one task with one shared loop ({@link TrainingLoop}): sequence classification, extractive QA and
 * continued masked-LM pre-training ({@link Pretrainer} makes a new model and pre-trains it). Every task takes the
 * same steps: clean the tables, hold out validation rows unless a validation table is given, prepare (tokenise,
 * check, add the head the task needs: {@link ClassificationPreparer}, {@link QaPreparer}, {@link MaskedLmPreparer}),
 * train, finish. The trainable model passed in is trained in place (a copy, or a model its caller alone holds:
 * {@link TrainableModel}); a missing head gets BERT's initialisation, seeded. Rows without text (or label, or answer)
 * and answers not found in their context are skipped and counted in the result; everything else that cannot work
 * (empty table, one class, texts outside the vocabulary) stops with a message that says what to change. A model
 * carrying a token mapping ({@link AttachedMapping}) reads its texts through it.
 */
public final class FineTuner {

    private final FineTuneOptions options;

    public FineTuner(final FineTuneOptions options) {
        this.options = options;
    }

    public FineTuneOptions options() {
        return options;
    }

    /**
     * Fine-tunes a sequence classifier.
     *
     * @param validation a validation table, or null/empty to hold out {@link FineTuneOptions#validationFraction()}
     */
    public FineTuneResult classify(final TrainableModel model, final List<ClassificationExample> train,
        final List<ClassificationExample> validation, final TrainingProgress progress) {
        return run(model, train, validation, new ClassificationPreparer(new TaskInputs(model, options)), progress);
    }

    /**
     * Fine-tunes an extractive QA head ({@code qa_outputs}).
     *
     * @param validation a validation table, or null/empty to hold out {@link FineTuneOptions#validationFraction()}
     */
    public FineTuneResult questionAnswering(final TrainableModel model, final List<QaExample> train,
        final List<QaExample> validation, final TrainingProgress progress) {
        return run(model, train, validation, new QaPreparer(new TaskInputs(model, options)), progress);
    }

    /**
     * Continues masked-LM pre-training of a loaded model (adding an MLM head if it has none).
     *
     * @param validation held-out texts, or null/empty to hold out {@link FineTuneOptions#validationFraction()}
     */
    public FineTuneResult maskedLm(final TrainableModel model, final List<TextExample> train,
        final List<TextExample> validation, final TrainingProgress progress) {
        return run(model, train, validation, new MaskedLmPreparer(new TaskInputs(model, options)), progress);
    }

    /** Adds a classifier head for these labels, for {@link TrainingBenchmark} and tests of the loop. */
    void ensureClassifierForBenchmark(final TrainableModel model, final List<String> labels) {
        new ClassificationPreparer(new TaskInputs(model, options)).ensureClassifier(labels);
    }

    private <R> FineTuneResult run(final TrainableModel model, final List<R> train, final List<R> validation,
        final TaskPreparer<R> preparer, final TrainingProgress progress) {
        final List<String> skipped = new ArrayList<>();
        final List<String> notes = new ArrayList<>();
        final List<R> rows = preparer.clean(train, "training", skipped);
        List<R> held = validation == null ? List.of() : preparer.clean(validation, "validation", skipped);
        if (rows.isEmpty()) {
            throw emptyTable(train.size(), preparer.needs());
        }
        final List<R> trainRows;
        if (held.isEmpty()) {
            final List<List<R>> split = split(rows, notes);
            trainRows = split.get(0);
            held = split.get(1);
        } else {
            trainRows = rows;
        }
        final TrainingTask task = preparer.prepare(trainRows, held, notes);
        final TrainingLoop.Outcome outcome = TrainingLoop.run(model, task, options, progress, notes);
        preparer.finish();
        return new FineTuneResult(model.model(), outcome.epochs(), trainRows.size(), held.size(), skipped, notes,
            outcome.bestEpoch());
    }

    static IllegalArgumentException emptyTable(final int rows, final String needs) {
        return new IllegalArgumentException(rows == 0 ? "The training table is empty: give at least one row."
            : "The training table has no usable row: all " + rows + " row(s) lack " + needs + ".");
    }

    /** Holds out the validation fraction (seeded shuffle); the training part keeps at least one row. */
    private <T> List<List<T>> split(final List<T> rows, final List<String> notes) {
        if (options.validationFraction() <= 0 || rows.size() < 2) {
            return List.of(rows, List.of());
        }
        final List<T> shuffled = new ArrayList<>(rows);
        Collections.shuffle(shuffled, new Random(options.seed()));
        final int held = Math.max(1, Math.min(rows.size() - 1,
            (int)Math.round(rows.size() * options.validationFraction())));
        notes.add(held + " of " + rows.size() + " training rows held out for validation (fraction "
            + options.validationFraction() + ", seed " + options.seed() + ")");
        return List.of(List.copyOf(shuffled.subList(held, shuffled.size())), List.copyOf(shuffled.subList(0, held)));
    }
}
