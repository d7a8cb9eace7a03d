package org.bertlab.core.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.bertlab.core.model.BertModel;
import org.bertlab.core.model.TrainableModel;
import org.bertlab.core.runtime.DjlRuntime;
import org.bertlab.core.tokenize.TokenizedText;

/**
 * Training speed of the real loop: classification steps (forward, backward, global-norm clipping, AdamW on every
 * weight) on fixed-length batches of random ordinary tokens, exactly as {@link FineTuner#classify} runs them.
 * Warm-up steps are not timed. The model is trained in place (a classifier head is added): use a throw-away copy.
 *
 * @param batchSize sequences per step
 * @param length tokens per sequence, special tokens included
 * @param warmupSteps untimed steps first
 * @param steps timed steps
 */
public record TrainingBenchmark(int batchSize, int length, int warmupSteps, int steps) {

    /** Batch 8 × 64 tokens, 2 warm-up and 10 timed steps. */
    public static TrainingBenchmark defaults() {
        return new TrainingBenchmark(8, 64, 2, 10);
    }

    /**
     * @param seconds median seconds per timed step
     * @param stepsPerSecond 1 / median
     * @param tokensPerSecond batch × length / median
     * @param stepSeconds every timed step
     */
    public record Result(double seconds, double stepsPerSecond, double tokensPerSecond, double[] stepSeconds) {
    }

    public Result run(final TrainableModel trainable, final boolean freezeEmbeddings) {
        final BertModel model = trainable.model();
        final Random random = new Random(1);
        final List<TokenizedText> texts = new ArrayList<>();
        final List<String> vocabulary = model.tokenizer().vocabulary();
        final int examples = batchSize * (warmupSteps + steps);
        final int[] labels = new int[examples];
        for (int i = 0; i < examples; i++) {
            final long[] ids = new long[length];
            final String[] tokens = new String[length];
            final int[] sequence = new int[length];
            for (int t = 0; t < length; t++) {
                int id;
                do {
                    id = random.nextInt(vocabulary.size());
                } while (vocabulary.get(id) == null || vocabulary.get(id).startsWith("["));
                ids[t] = id;
                tokens[t] = vocabulary.get(id);
            }
            ids[0] = model.tokenizer().clsId();
            ids[length - 1] = model.tokenizer().sepId();
            sequence[0] = -1;
            sequence[length - 1] = -1;
            texts.add(new TokenizedText(ids, new long[length], tokens, new int[length], new int[length], sequence,
                false));
            labels[i] = i % 2;
        }
        final double[] times = new double[warmupSteps + steps];
        final ClassificationTask task = new ClassificationTask(texts, labels, List.of(), new int[0],
            new float[]{1, 1}, model.tokenizer().padId());
        final FineTuneOptions options = FineTuneOptions.builder().epochs(1).batchSize(batchSize)
            .freezeEmbeddings(freezeEmbeddings).validationFraction(0).build();
        if (!model.heads().hasClassifier() || model.config().labels().size() != 2) {
            new FineTuner(options).ensureClassifierForBenchmark(trainable, List.of("0", "1"));
        }
        final long[] last = {System.nanoTime()};
        final int[] step = {0};
        DjlRuntime.run(() -> TrainingLoop.run(trainable, task, options, new TrainingProgress() {
            @Override
            public void step(final int epoch, final int s, final int total, final double loss, final double lr) {
                final long now = System.nanoTime();
                times[step[0]++] = (now - last[0]) / 1e9;
                last[0] = now;
            }
        }, new ArrayList<>()));
        final double[] timed = java.util.Arrays.copyOfRange(times, warmupSteps, times.length);
        final double[] sorted = timed.clone();
        java.util.Arrays.sort(sorted);
        final double median = sorted[sorted.length / 2];
        return new Result(median, 1 / median, batchSize * length / median, timed);
    }
}
