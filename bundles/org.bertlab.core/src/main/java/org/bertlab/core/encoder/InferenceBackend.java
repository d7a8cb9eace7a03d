package org.bertlab.core.encoder;

/**
 * What runs the encoder forward for inference (embedding, dictionary vectors). Chosen by the model on first use and
 * again after its weights change: ONNX Runtime on a fused graph written from the weights when the model is fp32 on
 * the CPU and ONNX Runtime is present (fastest here, see docs/performance.md), otherwise the PyTorch encoder, which
 * also does all training. Both return the same numbers to float rounding (checked in tests).
 */
public interface InferenceBackend extends AutoCloseable {

    /** A short name for reports ("PyTorch", "ONNX Runtime"). */
    String name();

    /**
     * Runs the batch and copies the hidden states of the given layers (sorted, 0 = embedding output) to Java.
     */
    LayerOutputs run(TokenBatch.Padded batch, int[] layers);

    @Override
    void close();
}
