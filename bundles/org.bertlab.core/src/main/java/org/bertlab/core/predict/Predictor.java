package org.bertlab.core.predict;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.commons.lang3.Validate;
import org.bertlab.core.encoder.InferenceBackend;
import org.bertlab.core.encoder.LayerOutputs;
import org.bertlab.core.encoder.LengthBatches;
import org.bertlab.core.encoder.TokenBatch;
import org.bertlab.core.mapping.AttachedMapping;
import org.bertlab.core.mapping.TokenMapping;
import org.bertlab.core.model.BertModel;
import org.bertlab.core.options.InvalidOptionException;
import org.bertlab.core.qa.QaSettings;
import org.bertlab.core.qa.QaWindows;
import org.bertlab.core.tokenize.BertTokenizer;
import org.bertlab.core.tokenize.TokenizedText;

/**
 * Applies a fine-tuned model to new inputs in batches: a classifier (label and class probabilities) or an
 * extractive QA model (answer span, character offsets, score). A model carrying a token mapping
 * ({@code token_mapping.tsv}) reads classification texts through it, as it did in training. QA reads contexts in
 * the same windows as training ({@link QaWindows}). The encoder runs on the model's inference backend
 * ({@link BertModel#runInference}: ONNX Runtime on the CPU in fp32), as embedding does; the heads are applied to its
 * top layer in Java ({@link HostHeads}). Inputs are batched by length a window at a time ({@link LengthBatches});
 * results come in input order.
 */
public final class Predictor {

    public static final int DEFAULT_BATCH_SIZE = 32;

    private final BertModel model;

    private final int batchSize;

    private final Optional<TokenMapping> mapping;

    private final InferenceBackend backend;

    private long truncated;

    /** The heads' weights copied to Java, and the version of the model's weights they were copied from. */
    private HostHeads heads;

    private long headsVersion = -1;

    private boolean headsForAnswers;

    public Predictor(final BertModel model) {
        this(model, DEFAULT_BATCH_SIZE);
    }

    public Predictor(final BertModel model, final int batchSize) {
        this(model, batchSize, null);
    }

    /**
     * @param backend what runs the encoder, for comparing backends (the benchmark); null for the model's own
     *            ({@link BertModel#runInference}), which follows the model's weights as they change
     */
    public Predictor(final BertModel model, final int batchSize, final InferenceBackend backend) {
        InvalidOptionException.require(batchSize >= 1, "batch-size", "must be at least 1, got " + batchSize);
        this.model = model;
        this.batchSize = batchSize;
        this.mapping = AttachedMapping.of(model);
        this.backend = backend;
    }

    /** How many texts (or text pairs) the last {@link #classify} call cut to the model's maximum length. */
    public long truncatedTexts() {
        return truncated;
    }

    public boolean canClassify() {
        return model.heads().hasClassifier() && !model.config().labels().isEmpty();
    }

    public boolean canAnswer() {
        return model.heads().hasQuestionAnswering();
    }

    /**
     * Classifies texts (or text pairs).
     *
     * @param pairs second texts, or null for single texts; a null element means no pair for that text
     */
    public List<ClassPrediction> classify(final List<String> texts, final List<String> pairs) {
        truncated = 0;
        if (!canClassify()) {
            throw new IllegalStateException("The model has no classification head with labels ("
                + String.join(", ", model.headNames()) + "); fine-tune it for classification first.");
        }
        final BertTokenizer tokenizer = model.tokenizer();
        final List<ClassPrediction> predictions = new ArrayList<>(texts.size());
        final HostHeads heads = heads(false);
        final int window = LengthBatches.window(batchSize);
        for (int from = 0; from < texts.size(); from += window) {
            final int to = Math.min(texts.size(), from + window);
            final List<TokenizedText> encoded = new ArrayList<>(to - from);
            for (int i = from; i < to; i++) {
                final String pair = pairs == null ? null : pairs.get(i);
                final TokenizedText text = tokenizer.encode(map(texts.get(i), i), pair == null || pair.isBlank()
                    ? null : map(pair, i));
                truncated += text.truncated() ? 1 : 0;
                encoded.add(text);
            }
            final ClassPrediction[] inWindow = new ClassPrediction[encoded.size()];
            for (final int[] positions : LengthBatches.of(encoded, batchSize)) {
                final LayerOutputs top = topLayer(LengthBatches.pick(encoded, positions));
                for (int b = 0; b < positions.length; b++) {
                    inWindow[positions[b]] = prediction(heads.classProbabilities(top.states()[0],
                        top.offset(b, 0)));
                }
            }
            predictions.addAll(List.of(inWindow));
        }
        return predictions;
    }

    /** The most probable label and every label's probability. */
    private ClassPrediction prediction(final float[] probabilities) {
        final List<String> labels = model.config().labels();
        final Map<String, Double> byLabel = new LinkedHashMap<>();
        int best = 0;
        for (int c = 0; c < labels.size(); c++) {
            final float p = probabilities[c];
            byLabel.put(labels.get(c), (double)p);
            if (p > probabilities[best]) {
                best = c;
            }
        }
        return new ClassPrediction(labels.get(best), byLabel.get(labels.get(best)), byLabel);
    }

    /** The head's weights in Java, copied again only when the model's weights have changed since. */
    private HostHeads heads(final boolean answers) {
        final long version = model.parameters().version();
        if (heads == null || version != headsVersion || answers != headsForAnswers) {
            heads = answers ? HostHeads.questionAnswering(model) : HostHeads.classifier(model);
            headsVersion = version;
            headsForAnswers = answers;
        }
        return heads;
    }

    /** The top layer of a batch, on the chosen backend or else the model's. */
    private LayerOutputs topLayer(final List<TokenizedText> batch) {
        final TokenBatch.Padded padded = TokenBatch.pad(batch, model.tokenizer().padId());
        final int[] top = {model.config().numLayers()};
        return backend != null ? backend.run(padded, top) : model.runInference(padded, top);
    }

    private String map(final String text, final int row) {
        return mapping.isEmpty() || text == null ? text : mapping.get().apply(text, "row " + (row + 1));
    }

    /**
     * Answers each question from its context in the windows the model was trained with ({@link QaSettings#of}),
     * with the longest answer of its training.
     */
    public List<AnswerPrediction> answer(final List<String> questions, final List<String> contexts) {
        return answer(questions, contexts, QaSettings.of(model));
    }

    /**
     * Answers each question from its context, in windows of the length and question room the model was trained
     * with.
     *
     * @param stride tokens between the starts of consecutive windows of a long context
     * @param maxAnswerTokens longest answer considered, in tokens
     */
    public List<AnswerPrediction> answer(final List<String> questions, final List<String> contexts,
        final int stride, final int maxAnswerTokens) {
        return answer(questions, contexts, QaSettings.of(model).withPrediction(stride, maxAnswerTokens));
    }

    /** Answers each question from its context, reading contexts as the settings say. */
    public List<AnswerPrediction> answer(final List<String> questions, final List<String> contexts,
        final QaSettings settings) {
        Validate.isTrue(questions.size() == contexts.size(), "%d questions but %d contexts", questions.size(),
            contexts.size());
        if (!canAnswer()) {
            throw new IllegalStateException("The model has no question-answering head (qa_outputs); fine-tune it "
                + "for question answering first.");
        }
        final int maxAnswerTokens = settings.maxAnswerTokens();
        final List<QaWindows.Window> windows = new ArrayList<>();
        try (BertTokenizer unbounded = model.tokenizer().withMaxLength(1 << 20)) {
            final QaWindows maker = new QaWindows(unbounded, Math.min(settings.windowLength(),
                model.config().maxPositions()), settings.stride(), settings.maxQuestionTokens());
            for (int i = 0; i < questions.size(); i++) {
                windows.addAll(maker.windows(i, questions.get(i) == null ? "" : questions.get(i),
                    contexts.get(i) == null ? "" : contexts.get(i), -1, -1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        final HostHeads heads = heads(true);
        final List<TokenizedText> inputs = windows.stream().map(QaWindows.Window::input).toList();
        final QaWindows.Span[] spans = new QaWindows.Span[windows.size()];
        for (final int[] positions : LengthBatches.of(inputs, batchSize)) {
            final LayerOutputs top = topLayer(LengthBatches.pick(inputs, positions));
            for (int b = 0; b < positions.length; b++) {
                final QaWindows.Window w = windows.get(positions[b]);
                final float[][] logits = heads.spanLogits(top.states()[0], top.offset(b, 0), w.input().length());
                spans[positions[b]] = QaWindows.bestSpan(w, logits[0], logits[1], maxAnswerTokens);
            }
        }
        // Each example's best span over its windows, in window order: of equal scores the first window's wins.
        final QaWindows.Span[] best = new QaWindows.Span[questions.size()];
        for (int i = 0; i < windows.size(); i++) {
            final int example = windows.get(i).example();
            if (spans[i] != null && (best[example] == null || spans[i].score() > best[example].score())) {
                best[example] = spans[i];
            }
        }
        final List<AnswerPrediction> answers = new ArrayList<>(best.length);
        for (int i = 0; i < best.length; i++) {
            answers.add(best[i] == null ? new AnswerPrediction("", -1, -1, 0)
                : new AnswerPrediction(contexts.get(i).substring(best[i].start(), best[i].end()), best[i].start(),
                    best[i].end(), best[i].score()));
        }
        return answers;
    }
}
