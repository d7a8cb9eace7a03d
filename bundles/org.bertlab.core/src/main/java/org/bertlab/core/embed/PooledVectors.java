package org.bertlab.core.embed;

/**
 * One vector per layer for one text.
 *
 * @param index position of the text in the input
 * @param layers the layers, in the order of {@code vectors}' first index
 * @param vectors [layer][hidden]
 */
public record PooledVectors(long index, int[] layers, float[][] vectors) {
}
