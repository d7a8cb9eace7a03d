package org.bertlab.core.encoder;

import java.util.List;

import ai.djl.ndarray.NDArray;

/**
 * What the encoder computed for one batch: the hidden states of every layer computed (index 0 is the embedding
 * output, index L the output of layer L) and the attention mask. The arrays belong to the batch's manager.
 *
 * @param hiddenStates [batch, length, hidden] per layer, from layer 0 up to the last layer asked for
 * @param attentionMask [batch, length], 1 for real tokens (special tokens included) and 0 for padding
 */
public record EncoderOutput(List<NDArray> hiddenStates, NDArray attentionMask) {

    /** The top layer computed. */
    public NDArray last() {
        return hiddenStates.get(hiddenStates.size() - 1);
    }

    public NDArray layer(final int index) {
        return hiddenStates.get(index);
    }
}
