package org.bertlab.core.embed;

import org.bertlab.core.tokenize.TokenizedText;

/**
 * Per-token vectors of one text.
 *
 * @param index position of the text in the input
 * @param encoding the text's tokens (all of them, special tokens included)
 * @param tokenIndices positions in {@code encoding} of the tokens that have vectors (special tokens may be left out)
 * @param layers the layers, in the order of {@code vectors}' first index
 * @param vectors [layer][kept token][hidden]
 */
public record TokenVectors(long index, TokenizedText encoding, int[] tokenIndices, int[] layers,
    float[][][] vectors) {

    public int tokenCount() {
        return tokenIndices.length;
    }
}
