package org.bertlab.core.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.bertlab.core.encoder.TokenBatch;
import org.bertlab.core.model.BertModel;
import org.bertlab.core.tokenize.BertTokenizer;
import org.bertlab.core.tokenize.TokenizedText;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Masked-LM training as BERT (Devlin et al. 2019, section 3.1): each text token is chosen with the masking
 * probability (at least one per text); a chosen token becomes [MASK] 80 % of the time, a random ordinary token
 * 10 % and stays unchanged 10 %; the loss is the cross-entropy of the original tokens at the chosen positions,
 * computed only there. Training texts are masked afresh in every epoch; the validation texts are masked once with
 * a fixed seed, so validation losses are comparable across epochs and runs. Validation accuracy is the share of
 * chosen tokens predicted exactly; it runs on the inference backend ({@link ValidationStates}).
 */
final class MaskedLmTask implements TrainingTask {

    private final List<TokenizedText> train;

    private final List<Masked> validation;

    private final double probability;

    private final int maskId;

    private final int padId;

    private final int[] ordinaryIds;

    /** A masked text: the ids fed to the model and the original id at each chosen position (-1 elsewhere). */
    record Masked(TokenizedText input, long[] labels) {
    }

    MaskedLmTask(final List<TokenizedText> train, final List<TokenizedText> validation, final BertTokenizer tokenizer,
        final double probability, final long seed) {
        this.train = train;
        this.probability = probability;
        this.maskId = tokenizer.maskId();
        this.padId = tokenizer.padId();
        final List<String> vocabulary = tokenizer.vocabulary();
        final List<Integer> ordinary = new ArrayList<>();
        for (int id = 0; id < vocabulary.size(); id++) {
            final String token = vocabulary.get(id);
            if (token != null && !(token.startsWith("[") && token.endsWith("]"))) {
                ordinary.add(id);
            }
        }
        this.ordinaryIds = ordinary.stream().mapToInt(Integer::intValue).toArray();
        final Random fixed = new Random(seed ^ 0x5DEECE66DL);
        this.validation = validation.stream().map(t -> mask(t, fixed)).toList();
    }

    Masked mask(final TokenizedText text, final Random random) {
        final long[] ids = text.ids().clone();
        final long[] labels = new long[ids.length];
        java.util.Arrays.fill(labels, -1);
        final List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < ids.length; i++) {
            if (!text.isSpecial(i)) {
                candidates.add(i);
            }
        }
        boolean any = false;
        for (final int i : candidates) {
            if (random.nextDouble() < probability) {
                choose(ids, labels, i, random);
                any = true;
            }
        }
        if (!any && !candidates.isEmpty()) {
            choose(ids, labels, candidates.get(random.nextInt(candidates.size())), random);
        }
        return new Masked(new TokenizedText(ids, text.typeIds(), text.tokens(), text.starts(), text.ends(),
            text.sequence(), text.truncated()), labels);
    }

    private void choose(final long[] ids, final long[] labels, final int i, final Random random) {
        labels[i] = ids[i];
        final double r = random.nextDouble();
        if (r < 0.8) {
            ids[i] = maskId;
        } else if (r < 0.9 && ordinaryIds.length > 0) {
            ids[i] = ordinaryIds[random.nextInt(ordinaryIds.length)];
        }
    }

    @Override
    public int size() {
        return train.size();
    }

    @Override
    public NDArray loss(final BertModel model, final NDManager manager, final int[] indices, final Random random) {
        final List<Masked> batch = new ArrayList<>(indices.length);
        for (final int i : indices) {
            batch.add(mask(train.get(i), random));
        }
        final Chosen chosen = chosen(model, manager, batch, true);
        return chosen.logits().logSoftmax(-1).gather(chosen.targets(), -1).mean().neg();
    }

    /** Vocabulary logits [chosen, vocab] at the chosen positions and the original ids there, [chosen, 1]. */
    private record Chosen(NDArray logits, NDArray targets) {
    }

    private Chosen chosen(final BertModel model, final NDManager manager, final List<Masked> batch,
        final boolean training) {
        final TokenBatch.Padded padded = TokenBatch.pad(batch.stream().map(Masked::input).toList(), padId);
        final long length = padded.length();
        final List<Long> positions = new ArrayList<>();
        final List<Long> targets = new ArrayList<>();
        for (int b = 0; b < batch.size(); b++) {
            final long[] labels = batch.get(b).labels();
            for (int i = 0; i < labels.length; i++) {
                if (labels[i] >= 0) {
                    positions.add(b * length + i);
                    targets.add(labels[i]);
                }
            }
        }
        final NDArray hidden;
        if (training) {
            final TokenBatch tokens = padded.toArrays(manager);
            hidden = model.backbone().forward(tokens.inputIds(), tokens.typeIds(), tokens.attentionMask(), true)
                .last();
        } else {
            hidden = ValidationStates.topLayer(model, manager, padded);
        }
        final long width = hidden.getShape().get(2);
        // Only the chosen positions go through the vocabulary projection: with a 21k vocabulary that is most of
        // the head's cost.
        final NDArray rows = hidden.reshape(-1, width)
            .get(manager.create(positions.stream().mapToLong(Long::longValue).toArray()));
        final NDArray logits = model.heads().maskedLmLogits(rows).toType(DataType.FLOAT32, false);
        final long[] t = targets.stream().mapToLong(Long::longValue).toArray();
        return new Chosen(logits, manager.create(t, new Shape(t.length, 1)));
    }

    @Override
    public boolean hasValidation() {
        return !validation.isEmpty();
    }

    @Override
    public Evaluation evaluate(final BertModel model, final int batchSize) {
        double lossSum = 0;
        long count = 0;
        long correct = 0;
        for (int from = 0; from < validation.size(); from += batchSize) {
            final List<Masked> batch = validation.subList(from, Math.min(validation.size(), from + batchSize));
            try (NDManager manager = model.newBatchManager()) {
                final Chosen chosen = chosen(model, manager, batch, false);
                final float[] logProbs = chosen.logits().logSoftmax(-1).gather(chosen.targets(), -1).toFloatArray();
                final long[] predicted = chosen.logits().argMax(-1).toType(DataType.INT64, false).toLongArray();
                final long[] targets = chosen.targets().toLongArray();
                for (int i = 0; i < logProbs.length; i++) {
                    lossSum -= logProbs[i];
                    if (predicted[i] == targets[i]) {
                        correct++;
                    }
                }
                count += logProbs.length;
            }
        }
        return new Evaluation(lossSum / Math.max(1, count), (double)correct / Math.max(1, count), Double.NaN,
            Double.NaN);
    }
}
