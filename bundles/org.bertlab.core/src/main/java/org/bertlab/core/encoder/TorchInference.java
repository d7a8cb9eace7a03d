package org.bertlab.core.encoder;

import org.bertlab.core.runtime.DjlRuntime;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;

/** Inference on the PyTorch encoder; computes only up to the top layer asked for and copies only those layers. */
public final class TorchInference implements InferenceBackend {

    private final BertConfig config;

    private final BertWeights parameters;

    public TorchInference(final BertConfig config, final BertWeights parameters) {
        this.config = config;
        this.parameters = parameters;
    }

    @Override
    public String name() {
        return DjlRuntime.ENGINE;
    }

    @Override
    public LayerOutputs run(final TokenBatch.Padded batch, final int[] layers) {
        return DjlRuntime.call(() -> {
            try (NDManager manager = parameters.newBatchManager()) {
                final TokenBatch arrays = batch.toArrays(manager);
                final EncoderOutput out = new BertBackbone(config, parameters).forward(arrays.inputIds(),
                    arrays.typeIds(), arrays.attentionMask(), false, layers[layers.length - 1]);
                final float[][] states = new float[layers.length][];
                for (int l = 0; l < layers.length; l++) {
                    final NDArray state = out.layer(layers[l]);
                    states[l] = state.getDataType() == DataType.FLOAT32 ? state.toFloatArray()
                        : state.toType(DataType.FLOAT32, false).toFloatArray();
                }
                return new LayerOutputs(config.hiddenSize(), layers.clone(), states,
                    LayerOutputs.paddedRows(batch.batch(), batch.length()));
            }
        });
    }

    /** Nothing native is held beyond the model's weights. */
    @Override
    public void close() {
    }
}
