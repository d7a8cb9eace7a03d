package org.bertlab.core.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.bertlab.core.encoder.TokenBatch;
import org.bertlab.core.model.BertModel;
import org.bertlab.core.qa.QaWindows;
import org.bertlab.core.runtime.GraphScalars;
import org.bertlab.core.tokenize.TokenizedText;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Extractive QA: the mean of the start and end cross-entropies over each window's positions (BERT's SQuAD
 * objective). Validation ({@link ValidationStates}: on the inference backend) decodes the best span over all windows
 * of an example and scores it against the gold answers with exact match and F1 ({@link AnswerMetrics}: SQuAD v1.1,
 * or character-level for Chinese contexts).
 */
final class QaTask implements TrainingTask {

    private final List<QaWindows.Window> train;

    private final List<QaWindows.Window> validation;

    private final List<QaExample> validationExamples;

    private final int maxAnswerTokens;

    private final int padId;

    QaTask(final List<QaWindows.Window> train, final List<QaWindows.Window> validation,
        final List<QaExample> validationExamples, final int maxAnswerTokens, final int padId) {
        this.train = train;
        this.validation = validation;
        this.validationExamples = validationExamples;
        this.maxAnswerTokens = maxAnswerTokens;
        this.padId = padId;
    }

    @Override
    public int size() {
        return train.size();
    }

    @Override
    public NDArray loss(final BertModel model, final NDManager manager, final int[] indices, final Random random) {
        final List<QaWindows.Window> batch = new ArrayList<>(indices.length);
        for (final int i : indices) {
            batch.add(train.get(i));
        }
        final TokenBatch tokens = TokenBatch.of(manager, inputs(batch), model.tokenizer().padId());
        final NDArray hidden = model.backbone().forward(tokens.inputIds(), tokens.typeIds(), tokens.attentionMask(),
            true).last();
        return loss(manager, batch, logits(model, hidden, tokens.attentionMask()));
    }

    private static List<TokenizedText> inputs(final List<QaWindows.Window> batch) {
        return batch.stream().map(QaWindows.Window::input).toList();
    }

    private NDArray loss(final NDManager manager, final List<QaWindows.Window> batch, final NDArray[] logits) {
        final long[] starts = batch.stream().mapToLong(QaWindows.Window::startLabel).toArray();
        final long[] ends = batch.stream().mapToLong(QaWindows.Window::endLabel).toArray();
        final Shape shape = new Shape(batch.size(), 1);
        final NDArray startLoss = logits[0].logSoftmax(-1).gather(manager.create(starts, shape), -1).mean();
        final NDArray endLoss = logits[1].logSoftmax(-1).gather(manager.create(ends, shape), -1).mean();
        return GraphScalars.dividedBy(startLoss.add(endLoss), 2).neg();
    }

    /** Start and end logits [batch, length], padding pushed to -1e9 so it never wins a softmax. */
    private static NDArray[] logits(final BertModel model, final NDArray hidden, final NDArray attentionMask) {
        final NDArray logits = model.heads().questionAnsweringLogits(hidden).toType(DataType.FLOAT32, false);
        final NDArray padding = attentionMask.toType(DataType.FLOAT32, false).sub(1f).mul(1e9f);
        return new NDArray[]{logits.get(new NDIndex(":, :, 0")).add(padding),
            logits.get(new NDIndex(":, :, 1")).add(padding)};
    }

    @Override
    public boolean hasValidation() {
        return !validation.isEmpty();
    }

    @Override
    public Evaluation evaluate(final BertModel model, final int batchSize) {
        final QaWindows.Span[] best = new QaWindows.Span[validationExamples.size()];
        double lossSum = 0;
        int batches = 0;
        for (int from = 0; from < validation.size(); from += batchSize) {
            final List<QaWindows.Window> batch = validation.subList(from, Math.min(validation.size(),
                from + batchSize));
            try (NDManager manager = model.newBatchManager()) {
                final TokenBatch.Padded padded = TokenBatch.pad(inputs(batch), model.tokenizer().padId());
                final NDArray hidden = ValidationStates.topLayer(model, manager, padded);
                final NDArray mask = manager.create(padded.attentionMask(), new Shape(padded.batch(), padded.length()));
                final NDArray[] logits = logits(model, hidden, mask);
                lossSum += loss(manager, batch, logits).getFloat() * batch.size();
                batches += batch.size();
                final long length = logits[0].getShape().get(1);
                final float[] starts = logits[0].toFloatArray();
                final float[] ends = logits[1].toFloatArray();
                for (int b = 0; b < batch.size(); b++) {
                    final QaWindows.Window w = batch.get(b);
                    final int offset = (int)(b * length);
                    final QaWindows.Span span = QaWindows.bestSpan(w,
                        java.util.Arrays.copyOfRange(starts, offset, offset + (int)length),
                        java.util.Arrays.copyOfRange(ends, offset, offset + (int)length), maxAnswerTokens);
                    if (span != null && (best[w.example()] == null || span.score() > best[w.example()].score())) {
                        best[w.example()] = span;
                    }
                }
            }
        }
        double exact = 0;
        double f1 = 0;
        for (int i = 0; i < best.length; i++) {
            final QaExample gold = validationExamples.get(i);
            final String predicted = best[i] == null ? "" : gold.context().substring(best[i].start(), best[i].end());
            final AnswerMetrics.Scheme scheme = AnswerMetrics.Scheme.forContext(gold.context());
            exact += AnswerMetrics.exactMatch(predicted, gold.answers(), scheme);
            f1 += AnswerMetrics.f1(predicted, gold.answers(), scheme);
        }
        final int n = Math.max(1, best.length);
        return new Evaluation(lossSum / Math.max(1, batches), Double.NaN, exact / n, f1 / n);
    }
}
