package org.bertlab.core.model;

import java.util.List;

import org.bertlab.core.tokenize.TokenizedText;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Encoded texts padded to the longest of them, as the three int64 arrays the encoder takes.
 *
 * @param inputIds [batch, length]
 * @param typeIds [batch, length]
 * @param attentionMask [batch, length], 1 for tokens and 0 for padding
 */
public record TokenBatch(NDArray inputIds, NDArray typeIds, NDArray attentionMask) {

    /** Pads with {@code padId} to the longest text; the arrays belong to {@code manager}. */
    public static TokenBatch of(final NDManager manager, final List<TokenizedText> texts, final int padId) {
        int length = 1;
        for (final TokenizedText t : texts) {
            length = Math.max(length, t.length());
        }
        final int batch = texts.size();
        final long[] ids = new long[batch * length];
        final long[] types = new long[batch * length];
        final long[] mask = new long[batch * length];
        java.util.Arrays.fill(ids, padId);
        for (int b = 0; b < batch; b++) {
            final TokenizedText t = texts.get(b);
            System.arraycopy(t.ids(), 0, ids, b * length, t.length());
            System.arraycopy(t.typeIds(), 0, types, b * length, t.length());
            java.util.Arrays.fill(mask, b * length, b * length + t.length(), 1L);
        }
        final Shape shape = new Shape(batch, length);
        return new TokenBatch(manager.create(ids, shape), manager.create(types, shape), manager.create(mask, shape));
    }

    public long length() {
        return inputIds.getShape().get(1);
    }
}
