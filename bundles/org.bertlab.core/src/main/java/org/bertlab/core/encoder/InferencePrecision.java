package org.bertlab.core.encoder;

import java.util.Locale;

/**
 * The arithmetic of inference (embedding, dictionary vectors, prediction) on the CPU. Training always runs in the
 * weights' own type.
 */
public enum InferencePrecision {

    /** fp32 throughout. */
    FP32,

    /**
     * Matrix products with weights in int8 on ONNX Runtime (see {@code org.bertlab.core.ort.FusedOnnxGraph}):
     * weights quantised per output column when the graph is written (symmetric, scale = max |w| / 127), activations
     * quantised per matrix product at run time (uint8, asymmetric, by ONNX Runtime's {@code DynamicQuantizeMatMul}).
     * Attention scores, softmax, GELU and LayerNorm stay fp32. Needs ONNX Runtime; docs/performance.md gives its speed and its accuracy against
     * fp32.
     */
    INT8;

    /** "fp32" or "int8", any case. */
    public static InferencePrecision parse(final String value) {
        final String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "fp32" -> FP32;
            case "int8" -> INT8;
            default -> throw new IllegalArgumentException("Unknown inference precision '" + value
                + "': use fp32 or int8.");
        };
    }

    /** The name users type: "fp32", "int8". */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
