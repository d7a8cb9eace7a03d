package org.bertlab.core.encoder;

/**
 * Hidden states of some layers of one batch, in Java memory. Each state array is a sequence of rows of
 * {@code hidden} floats; the rows of text {@code b}'s tokens are consecutive and start at row {@code firstRows[b]}.
 * A padded backend keeps padding rows ({@code firstRows[b] = b × length}); a packed one holds real tokens only.
 *
 * @param layers the layers held, sorted
 * @param states one array per entry of {@code layers}
 */
public record LayerOutputs(int hidden, int[] layers, float[][] states, int[] firstRows) {

    /** Offset of token {@code t} of text {@code b} in each state array. */
    public int offset(final int b, final int t) {
        return (firstRows[b] + t) * hidden;
    }

    /** Row starts of a padded [batch, length, hidden] layout. */
    static int[] paddedRows(final int batch, final int length) {
        final int[] rows = new int[batch];
        for (int b = 0; b < batch; b++) {
            rows[b] = b * length;
        }
        return rows;
    }
}
