package org.bertlab.core.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import org.apache.commons.lang3.StringUtils;
import org.bertlab.core.encoder.BertLayout;
import org.bertlab.core.mapping.AttachedMapping;
import org.bertlab.core.mapping.TokenMapping;
import org.bertlab.core.model.BertModel;
import org.bertlab.core.model.TrainableModel;
import org.bertlab.core.options.InvalidOptionException;
import org.bertlab.core.qa.QaSettings;
import org.bertlab.core.qa.QaWindows;
import org.bertlab.core.runtime.DjlRuntime;
import org.bertlab.core.tokenize.BertTokenizer;
import org.bertlab.core.tokenize.TokenizedText;
import org.bertlab.core.weights.NamedTensor;

/**
 * Trains a BERT for one task with one shared loop ({@link TrainingLoop}): sequence classification, extractive QA and
 * continued masked-LM pre-training ({@link Pretrainer} makes a new model and pre-trains it). The trainable model
 * passed in is trained in place (a copy, or a model its caller alone holds: {@link TrainableModel}); the head a task needs is added when missing (BERT's initialisation, seeded). Rows without text
 * (or label, or answer) and answers not found in their context are skipped and counted in the result; everything
 * else that cannot work (empty table, one class, texts outside the vocabulary) stops with a message that says what
 * to change. A model carrying a token mapping ({@link AttachedMapping}) reads its texts through it.
 */
public final class FineTuner {

    /** Share of [UNK] among training tokens above which the texts cannot be what the vocabulary was made for. */
    static final double MAX_UNKNOWN_SHARE = 0.5;

    private final FineTuneOptions options;

    public FineTuner(final FineTuneOptions options) {
        this.options = options;
    }

    public FineTuneOptions options() {
        return options;
    }

    // ---------------------------------------------------------------- classification

    /**
     * Fine-tunes a sequence classifier.
     *
     * @param validation a validation table, or null/empty to hold out {@link FineTuneOptions#validationFraction()}
     */
    public FineTuneResult classify(final TrainableModel trainable, final List<ClassificationExample> train,
        final List<ClassificationExample> validation, final TrainingProgress progress) {
        final BertModel model = trainable.model();
        final List<String> skipped = new ArrayList<>();
        final List<String> notes = new ArrayList<>();
        final Optional<TokenMapping> mapping = AttachedMapping.of(model);
        final List<ClassificationExample> rows = clean(train, "training", skipped, mapping);
        List<ClassificationExample> held = validation == null ? List.of() : clean(validation, "validation", skipped,
            mapping);
        if (rows.isEmpty()) {
            throw emptyTable(train.size(), "text and a label");
        }
        final List<ClassificationExample> trainRows;
        if (held.isEmpty()) {
            final List<List<ClassificationExample>> split = split(rows, notes);
            trainRows = split.get(0);
            held = split.get(1);
        } else {
            trainRows = rows;
        }
        final List<String> labels = labels(model, trainRows);
        final Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < labels.size(); i++) {
            index.put(labels.get(i), i);
        }
        for (int i = 0; i < held.size(); i++) {
            if (!index.containsKey(held.get(i).label())) {
                throw new IllegalArgumentException("Validation row " + (i + 1) + " has the label '" + held.get(i)
                    .label() + "', which no training row has; the classifier can only learn the training labels "
                    + labels + ".");
            }
        }
        final int[] trainLabels = trainRows.stream().mapToInt(r -> index.get(r.label())).toArray();
        final int[] heldLabels = held.stream().mapToInt(r -> index.get(r.label())).toArray();
        final float[] weights = classWeights(trainLabels, labels.size());
        final List<ClassificationExample> finalHeld = held;
        final ClassificationTask task = withTokenizer(model, tokenizer -> {
            final List<TokenizedText> a = trainRows.stream().map(r -> tokenizer.encode(r.text(), r.pair())).toList();
            final List<TokenizedText> b = finalHeld.stream().map(r -> tokenizer.encode(r.text(), r.pair())).toList();
            checkVocabulary(model, a, notes);
            return new ClassificationTask(a, trainLabels, b, heldLabels, weights, tokenizer.padId());
        });
        ensureClassifier(trainable, labels);
        final TrainingLoop.Outcome outcome = TrainingLoop.run(trainable, task, options, progress, notes);
        return new FineTuneResult(model, outcome.epochs(), trainRows.size(), held.size(), skipped, notes,
            outcome.bestEpoch());
    }

    private List<ClassificationExample> clean(final List<ClassificationExample> rows, final String table,
        final List<String> skipped, final Optional<TokenMapping> mapping) {
        final List<ClassificationExample> kept = new ArrayList<>();
        int missing = 0;
        for (int i = 0; i < rows.size(); i++) {
            final ClassificationExample r = rows.get(i);
            if (StringUtils.isBlank(r.text()) || StringUtils.isBlank(r.label())) {
                missing++;
                continue;
            }
            final String pair = StringUtils.isBlank(r.pair()) ? null : r.pair();
            kept.add(new ClassificationExample(map(mapping, r.text(), table, i), pair == null ? null
                : map(mapping, pair, table, i), r.label().strip()));
        }
        if (missing > 0) {
            skipped.add(missing + " " + table + " row(s) without text or label");
        }
        return kept;
    }

    private static String map(final Optional<TokenMapping> mapping, final String text, final String table,
        final int row) {
        if (mapping.isEmpty()) {
            return text;
        }
        try {
            return mapping.get().apply(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(table + " row " + (row + 1) + ": " + e.getMessage(), e);
        }
    }

    /** The label order: the model's own when it already classifies into exactly these labels, else sorted. */
    private static List<String> labels(final BertModel model, final List<ClassificationExample> rows) {
        final Set<String> distinct = new TreeSet<>();
        rows.forEach(r -> distinct.add(r.label()));
        if (distinct.size() < 2) {
            throw new IllegalArgumentException("The label column has only one class ('" + distinct.iterator().next()
                + "') in the training rows: a classifier needs examples of at least two classes.");
        }
        final List<String> existing = model.config().labels();
        if (model.heads().hasClassifier() && existing.size() == distinct.size()
            && new TreeSet<>(existing).equals(distinct)) {
            return existing;
        }
        return List.copyOf(distinct);
    }

    private float[] classWeights(final int[] labels, final int classes) {
        final float[] weights = new float[classes];
        if (!options.balanceClasses()) {
            java.util.Arrays.fill(weights, 1f);
            return weights;
        }
        final int[] counts = new int[classes];
        for (final int l : labels) {
            counts[l]++;
        }
        for (int c = 0; c < classes; c++) {
            weights[c] = counts[c] == 0 ? 0f : (float)labels.length / (classes * counts[c]);
        }
        return weights;
    }

    private void ensureClassifier(final TrainableModel trainable, final List<String> labels) {
        final BertModel model = trainable.model();
        if (model.heads().hasClassifier() && model.config().labels().equals(labels)) {
            return;
        }
        addHead(trainable, BertLayout.classifier(model.config(), labels.size()));
        trainable.setLabels(labels);
    }

    /** Adds a two-label classifier head for {@link TrainingBenchmark}. */
    void ensureClassifierForBenchmark(final TrainableModel model, final List<String> labels) {
        ensureClassifier(model, labels);
    }

    private void addHead(final TrainableModel model, final Map<String, long[]> shapes) {
        final Map<String, NamedTensor> tensors = BertLayout.initialise(shapes, options.seed());
        DjlRuntime.run(() -> tensors.forEach((name, t) -> model.parameters().put(t, name,
            model.model().dataType())));
    }

    // ---------------------------------------------------------------- question answering

    /**
     * Fine-tunes an extractive QA head ({@code qa_outputs}).
     *
     * @param validation a validation table, or null/empty to hold out {@link FineTuneOptions#validationFraction()}
     */
    public FineTuneResult questionAnswering(final TrainableModel trainable, final List<QaExample> train,
        final List<QaExample> validation, final TrainingProgress progress) {
        final BertModel model = trainable.model();
        final List<String> skipped = new ArrayList<>();
        final List<String> notes = new ArrayList<>();
        final List<QaExample> rows = cleanQa(train, "training", skipped);
        List<QaExample> held = validation == null ? List.of() : cleanQa(validation, "validation", skipped);
        if (rows.isEmpty()) {
            throw emptyTable(train.size(), "a question, a context and an answer found in that context");
        }
        final List<QaExample> trainRows;
        if (held.isEmpty()) {
            final List<List<QaExample>> split = split(rows, notes);
            trainRows = split.get(0);
            held = split.get(1);
        } else {
            trainRows = rows;
        }
        final List<QaExample> finalHeld = held;
        final int maxLength = maxLength(model);
        final QaTask task;
        try (BertTokenizer unbounded = unbounded(model.tokenizer())) {
            final QaWindows windows = new QaWindows(unbounded, maxLength, options.qaStride(),
                options.maxQuestionTokens());
            final List<QaWindows.Window> a = windows(windows, trainRows);
            final List<QaWindows.Window> b = windows(windows, finalHeld);
            checkVocabulary(model, a.stream().map(QaWindows.Window::input).toList(), notes);
            task = new QaTask(a, b, finalHeld, options.maxAnswerTokens(), model.tokenizer().padId());
            if (a.size() > trainRows.size()) {
                notes.add(trainRows.size() + " training examples make " + a.size() + " windows of " + maxLength
                    + " tokens (stride " + options.qaStride() + ")");
            }
        }
        if (!model.heads().hasQuestionAnswering()) {
            addHead(trainable, BertLayout.questionAnswering(model.config()));
        }
        final TrainingLoop.Outcome outcome = TrainingLoop.run(trainable, task, options, progress, notes);
        // Prediction after any reload reads contexts in these windows.
        new QaSettings(maxLength, options.qaStride(), options.maxQuestionTokens(), options.maxAnswerTokens())
            .attachTo(trainable);
        return new FineTuneResult(model, outcome.epochs(), trainRows.size(), held.size(), skipped, notes,
            outcome.bestEpoch());
    }

    private static List<QaWindows.Window> windows(final QaWindows windows, final List<QaExample> rows) {
        final List<QaWindows.Window> all = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            final QaExample r = rows.get(i);
            all.addAll(windows.windows(i, r.question(), r.context(), r.answerStart(),
                r.answerStart() + r.answerText().length()));
        }
        return all;
    }

    /**
     * Keeps rows with question, context and an answer that is where answer_start says (or, for a negative start,
     * anywhere: its first occurrence); the start of a kept row is always the true offset.
     */
    private static List<QaExample> cleanQa(final List<QaExample> rows, final String table,
        final List<String> skipped) {
        final List<QaExample> kept = new ArrayList<>();
        int missing = 0;
        int notFound = 0;
        for (final QaExample r : rows) {
            if (StringUtils.isBlank(r.question()) || StringUtils.isBlank(r.context())
                || StringUtils.isBlank(r.answerText())) {
                missing++;
                continue;
            }
            final int start = r.answerStart() < 0 ? r.context().indexOf(r.answerText()) : r.answerStart();
            if (start < 0 || !r.context().startsWith(r.answerText(), start)) {
                notFound++;
                continue;
            }
            kept.add(new QaExample(r.question(), r.context(), r.answerText(), start, r.otherAnswers()));
        }
        if (missing > 0) {
            skipped.add(missing + " " + table + " row(s) without question, context or answer");
        }
        if (notFound > 0) {
            skipped.add(notFound + " " + table + " row(s) whose answer is not found in the context at answer_start");
        }
        return kept;
    }

    // ---------------------------------------------------------------- masked LM

    /**
     * Continues masked-LM pre-training of a loaded model (adding an MLM head if it has none).
     *
     * @param validation held-out texts, or null/empty to hold out {@link FineTuneOptions#validationFraction()}
     */
    public FineTuneResult maskedLm(final TrainableModel trainable, final List<TextExample> train,
        final List<TextExample> validation, final TrainingProgress progress) {
        final BertModel model = trainable.model();
        final List<String> skipped = new ArrayList<>();
        final List<String> notes = new ArrayList<>();
        final Optional<TokenMapping> mapping = AttachedMapping.of(model);
        final List<String> rows = cleanTexts(train, "training", skipped, mapping);
        List<String> held = validation == null ? List.of() : cleanTexts(validation, "validation", skipped, mapping);
        if (rows.isEmpty()) {
            throw emptyTable(train.size(), "text");
        }
        final List<String> trainRows;
        if (held.isEmpty()) {
            final List<List<String>> split = split(rows, notes);
            trainRows = split.get(0);
            held = split.get(1);
        } else {
            trainRows = rows;
        }
        final List<String> finalHeld = held;
        final MaskedLmTask task = withTokenizer(model, tokenizer -> {
            final List<TokenizedText> a = tokenizer.encodeAll(trainRows);
            final List<TokenizedText> b = finalHeld.isEmpty() ? List.of() : tokenizer.encodeAll(finalHeld);
            checkVocabulary(model, a, notes);
            return new MaskedLmTask(a, b, tokenizer, options.mlmProbability(), options.seed());
        });
        if (!model.heads().hasMaskedLm()) {
            addHead(trainable, BertLayout.maskedLm(model.config()));
        }
        final TrainingLoop.Outcome outcome = TrainingLoop.run(trainable, task, options, progress, notes);
        return new FineTuneResult(model, outcome.epochs(), trainRows.size(), held.size(), skipped, notes,
            outcome.bestEpoch());
    }

    private static List<String> cleanTexts(final List<TextExample> rows, final String table,
        final List<String> skipped, final Optional<TokenMapping> mapping) {
        final List<String> kept = new ArrayList<>();
        int missing = 0;
        for (int i = 0; i < rows.size(); i++) {
            if (StringUtils.isBlank(rows.get(i).text())) {
                missing++;
            } else {
                kept.add(map(mapping, rows.get(i).text(), table, i));
            }
        }
        if (missing > 0) {
            skipped.add(missing + " " + table + " row(s) without text");
        }
        return kept;
    }

    // ---------------------------------------------------------------- shared

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
        java.util.Collections.shuffle(shuffled, new Random(options.seed()));
        final int held = Math.max(1, Math.min(rows.size() - 1,
            (int)Math.round(rows.size() * options.validationFraction())));
        notes.add(held + " of " + rows.size() + " training rows held out for validation (fraction "
            + options.validationFraction() + ", seed " + options.seed() + ")");
        return List.of(List.copyOf(shuffled.subList(held, shuffled.size())), List.copyOf(shuffled.subList(0, held)));
    }

    private int maxLength(final BertModel model) {
        final int modelMax = Math.min(model.tokenizer().maxLength(), model.config().maxPositions());
        return options.maxLength() == 0 ? modelMax : Math.min(options.maxLength(), model.config().maxPositions());
    }

    /** Runs {@code use} with a tokenizer cut at the options' maximum length. */
    private <T> T withTokenizer(final BertModel model, final Function<BertTokenizer, T> use) {
        final int maxLength = maxLength(model);
        if (maxLength == model.tokenizer().maxLength()) {
            return use.apply(model.tokenizer());
        }
        try (BertTokenizer t = model.tokenizer().withMaxLength(maxLength)) {
            return use.apply(t);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static BertTokenizer unbounded(final BertTokenizer tokenizer) {
        try {
            return tokenizer.withMaxLength(1 << 20);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Token ids must index the embedding matrix, and texts the vocabulary cannot read (mostly [UNK]) would train
     * on nothing: both are a mismatch of data, tokenizer and model.
     */
    static void checkVocabulary(final BertModel model, final List<TokenizedText> texts, final List<String> notes) {
        final int vocab = model.config().vocabSize();
        final int unknown = model.tokenizer().id("[UNK]").orElse(-1);
        long tokens = 0;
        long unknowns = 0;
        for (int row = 0; row < texts.size(); row++) {
            final TokenizedText t = texts.get(row);
            for (int i = 0; i < t.length(); i++) {
                final long id = t.ids()[i];
                if (id < 0 || id >= vocab) {
                    throw new IllegalArgumentException("Training row " + (row + 1) + " has token id " + id + " ('"
                        + t.tokens()[i] + "') but the model's vocabulary has " + vocab + " rows: the tokenizer does "
                        + "not belong to this model.");
                }
                if (!t.isSpecial(i)) {
                    tokens++;
                    if (id == unknown) {
                        unknowns++;
                    }
                }
            }
        }
        final double share = tokens == 0 ? 0 : (double)unknowns / tokens;
        if (share > MAX_UNKNOWN_SHARE) {
            throw new InvalidOptionException("task", String.format("%.0f %% of the training tokens are [UNK]: the "
                + "texts do not fit the model's vocabulary of %d tokens. Use a model whose vocabulary covers these "
                + "texts, {lowercase} for capitalised text on a lower-case vocabulary, a token mapping for non-text "
                + "sequences, or the pretrain {task}, which builds its vocabulary from the data.", 100 * share, vocab),
                null);
        }
        if (share > 0.05) {
            notes.add(String.format("%.1f %% of the training tokens are [UNK]", 100 * share));
        }
    }
}
