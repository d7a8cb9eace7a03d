package org.bertlab.core.encoder;

/**
 * Hidden states of some layers of one padded batch, in Java memory.
 *
 * @param layers the layers held, sorted
 * @param states one array per entry of {@code layers}, [batch, length, hidden] row-major
 */
public record LayerOutputs(int batch, int length, int hidden, int[] layers, float[][] states) {

    /** Offset of token {@code t} of text {@code b} in each state array. */
    public int offset(final int b, final int t) {
        return (b * length + t) * hidden;
    }
}
