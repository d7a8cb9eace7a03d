package org.bertlab.core.embed;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

import org.bertlab.core.tokenize.TokenizedText;

/**
 * Splits a window of encoded texts into batches of similar length: sorting by length before batching means a batch
 * is padded only to its own longest text, so short texts do not pay for long ones. Callers restore input order.
 */
public final class LengthBatches {

    private LengthBatches() {
    }

    /** How many texts {@link TokenEmbedder} reads ahead and sorts together, for a given batch size. */
    public static int window(final int batchSize) {
        return batchSize * TokenEmbedder.WINDOW_BATCHES;
    }

    /** Batches of positions into {@code texts}, each at most {@code batchSize} long, shortest texts first. */
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
}
