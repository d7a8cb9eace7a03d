package org.bertlab.core.train;

import org.bertlab.core.encoder.LayerOutputs;
import org.bertlab.core.encoder.TokenBatch;
import org.bertlab.core.model.BertModel;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * The top layer of a validation batch, run on the model's inference backend ({@link BertModel#runInference}, ONNX
 * Runtime on the CPU in fp32) as prediction and embedding are, so a validation score is what the trained model
 * predicts afterwards. The backend follows the weights: after an epoch's updates the model makes it anew. The heads
 * and losses are the training code's own, applied to these states in the batch's manager.
 */
final class ValidationStates {

    private ValidationStates() {
    }

    /**
     * The top layer's hidden states as a padded [batch, length, hidden] array of {@code manager}, in the model's
     * data type; padding rows are zero (no head reads them: the classifier reads [CLS], QA masks padding, masked LM
     * reads chosen positions).
     */
    static NDArray topLayer(final BertModel model, final NDManager manager, final TokenBatch.Padded padded) {
        final LayerOutputs top = model.runInference(padded, new int[]{model.config().numLayers()});
        final int hidden = top.hidden();
        final float[] states = new float[padded.batch() * padded.length() * hidden];
        for (int b = 0; b < padded.batch(); b++) {
            // A packed backend holds only real tokens, so rows are copied text by text.
            System.arraycopy(top.states()[0], top.offset(b, 0), states, b * padded.length() * hidden,
                tokens(padded, b) * hidden);
        }
        final NDArray array = manager.create(states, new Shape(padded.batch(), padded.length(), hidden));
        return array.toType(model.dataType(), false);
    }

    /** The number of real tokens of text {@code b}: its attention mask's ones (padding only follows them). */
    private static int tokens(final TokenBatch.Padded padded, final int b) {
        int n = 0;
        for (int t = 0; t < padded.length(); t++) {
            n += (int)padded.attentionMask()[b * padded.length() + t];
        }
        return n;
    }
}
