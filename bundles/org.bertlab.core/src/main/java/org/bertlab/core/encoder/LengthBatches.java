package org.bertlab.core.encoder;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

import org.bertlab.core.tokenize.TokenizedText;

/**
 * The one way inference batches its inputs (embedding, word vectors, prediction, the benchmarks): a window of
 * encoded texts is split into batches of similar length, so a batch is padded only to its own longest text and
 * short texts do not pay for long ones. Callers read inputs a window at a time (bounded memory for any number of
 * rows) and restore input order.
 */
public final class LengthBatches {

    /** Batches read ahead per window; larger windows pad less but hold more results. */
    static final int WINDOW_BATCHES = 8;

    private LengthBatches() {
    }

    /** How many texts to read ahead and sort together, for a given batch size. */
    public static int window(final int batchSize) {
        return batchSize * WINDOW_BATCHES;
    }

    /**
     * Batches of positions into {@code texts}, each at most {@code batchSize} long, shortest texts first; texts of
     * equal length keep their order.
     */
    public static List<int[]> of(final List<TokenizedText> texts, final int batchSize) {
        final int[] order = IntStream.range(0, texts.size()).boxed()
            .sorted(Comparator.comparingInt(i -> texts.get(i).length())).mapToInt(Integer::intValue).toArray();
        final List<int[]> batches = new ArrayList<>();
        for (int start = 0; start < order.length; start += batchSize) {
            final int end = Math.min(order.length, start + batchSize);
            final int[] batch = new int[end - start];
            System.arraycopy(order, start, batch, 0, batch.length);
            batches.add(batch);
        }
        return batches;
    }

    /** The items at a batch's positions, in the batch's order. */
    public static <T> List<T> pick(final List<T> items, final int[] positions) {
        final List<T> picked = new ArrayList<>(positions.length);
        for (final int p : positions) {
            picked.add(items.get(p));
        }
        return picked;
    }
}
