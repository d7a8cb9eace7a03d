package org.bertlab.core.encoder;

import java.util.Arrays;
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
        return pad(texts, padId).toArrays(manager);
    }

    /** The same padding in Java arrays, for a runtime other than DJL's (see the encoder's inference backends). */
    public static Padded pad(final List<TokenizedText> texts, final int padId) {
        int length = 1;
        for (final TokenizedText t : texts) {
            length = Math.max(length, t.length());
        }
        final int batch = texts.size();
        final long[] ids = new long[batch * length];
        final long[] types = new long[batch * length];
        final long[] mask = new long[batch * length];
        Arrays.fill(ids, padId);
        for (int b = 0; b < batch; b++) {
            final TokenizedText t = texts.get(b);
            System.arraycopy(t.ids(), 0, ids, b * length, t.length());
            System.arraycopy(t.typeIds(), 0, types, b * length, t.length());
            Arrays.fill(mask, b * length, b * length + t.length(), 1L);
        }
        return new Padded(batch, length, ids, types, mask);
    }

    public long length() {
        return inputIds.getShape().get(1);
    }

    /** A padded batch as row-major [batch, length] Java arrays. */
    public record Padded(int batch, int length, long[] inputIds, long[] typeIds, long[] attentionMask) {

        /** Copies the arrays into {@code manager}. */
        public TokenBatch toArrays(final NDManager manager) {
            final Shape shape = new Shape(batch, length);
            return new TokenBatch(manager.create(inputIds, shape), manager.create(typeIds, shape),
                manager.create(attentionMask, shape));
        }
    }
}
