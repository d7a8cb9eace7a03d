package org.bertlab.core.encoder;

import java.util.ArrayList;
import java.util.List;

import org.apache.commons.lang3.Validate;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/**
 * The network under the task heads: embeddings followed by the transformer layers, returning every layer's hidden
 * states. This is Hugging Face's {@code BertModel} without the pooler; its {@code BertEncoder} is the layer stack
 * alone, hence the other name here. Matches transformers' output to float rounding (checked against ONNX Runtime in tests).
 */
public final class BertBackbone {

    private final BertConfig config;

    private final BertEmbeddings embeddings;

    private final List<BertLayer> layers = new ArrayList<>();

    public BertBackbone(final BertConfig config, final BertWeights parameters) {
        this.config = config;
        this.embeddings = new BertEmbeddings(config, parameters);
        for (int i = 0; i < config.numLayers(); i++) {
            layers.add(new BertLayer(config, parameters, i));
        }
    }

    /** Runs every layer. */
    public EncoderOutput forward(final NDArray inputIds, final NDArray typeIds, final NDArray attentionMask,
        final boolean training) {
        return forward(inputIds, typeIds, attentionMask, training, config.numLayers());
    }

    /**
     * Runs the layers up to {@code lastLayer} (0 = embeddings only); work above it is skipped, which is what a
     * caller that only needs lower layers wants.
     */
    public EncoderOutput forward(final NDArray inputIds, final NDArray typeIds, final NDArray attentionMask,
        final boolean training, final int lastLayer) {
        Validate.inclusiveBetween(0, config.numLayers(), lastLayer, "Layer %d does not exist: the model has layers "
            + "0 (embeddings) to %d.", lastLayer, config.numLayers());
        NDArray hidden = embeddings.forward(inputIds, typeIds, training);
        final NDArray additive = additiveMask(attentionMask, hidden.getDataType());
        final List<NDArray> states = new ArrayList<>(lastLayer + 1);
        states.add(hidden);
        for (int i = 0; i < lastLayer; i++) {
            hidden = layers.get(i).forward(hidden, additive, training);
            states.add(hidden);
        }
        return new EncoderOutput(states, attentionMask);
    }

    /**
     * 0 where a token may be attended to and a large negative number on padding, shaped [batch, 1, 1, length] to
     * broadcast over heads and query positions. -1e9 underflows to an exact zero after softmax in fp32; half
     * precision cannot hold it, so it uses -1e4 as transformers did.
     */
    private static NDArray additiveMask(final NDArray mask, final DataType dataType) {
        final float negative = dataType == DataType.FLOAT32 ? -1e9f : -1e4f;
        return mask.toType(DataType.FLOAT32, false).neg().add(1f).mul(negative).expandDims(1).expandDims(1)
            .toType(dataType, false);
    }

    public BertConfig config() {
        return config;
    }
}
