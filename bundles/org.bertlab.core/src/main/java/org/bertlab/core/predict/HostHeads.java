package org.bertlab.core.predict;

import org.bertlab.core.encoder.BertHeads;
import org.bertlab.core.encoder.BertWeights;
import org.bertlab.core.model.BertModel;
import org.bertlab.core.runtime.DjlRuntime;

import ai.djl.ndarray.types.DataType;

/**
 * The classification and QA heads applied in Java to the top layer's hidden states that the model's inference
 * backend returns, so that prediction runs on the same fast path as embedding (ONNX Runtime on the CPU) and builds
 * no PyTorch graph. The formulas are {@link BertHeads}' (Hugging Face's): the classifier reads
 * {@code tanh(pooler.dense(h[CLS]))} (or {@code h[CLS]} without a pooler), the QA head {@code qa_outputs(h[t])} for
 * every token; products accumulate in double. The weights are copied when the instance is made, so later training
 * of the model is not seen ({@link Predictor} makes a new one when the model's weights have changed).
 */
final class HostHeads {

    /** A linear layer's weight [out][in] (row-major) and bias [out]. */
    private record Linear(int out, int in, float[] weight, float[] bias) {

        static Linear of(final BertWeights p, final String name) {
            return DjlRuntime.call(() -> {
                final long[] shape = p.get(name + ".weight").getShape().getShape();
                return new Linear((int)shape[0], (int)shape[1], floats(p, name + ".weight"), floats(p, name + ".bias"));
            });
        }

        private static float[] floats(final BertWeights p, final String name) {
            return p.get(name).toType(DataType.FLOAT32, false).toFloatArray();
        }

        /** weight · x[offset .. offset + in) + bias. */
        double[] apply(final float[] x, final int offset) {
            final double[] y = new double[out];
            for (int o = 0; o < out; o++) {
                double sum = bias[o];
                final int row = o * in;
                for (int i = 0; i < in; i++) {
                    sum += (double)weight[row + i] * x[offset + i];
                }
                y[o] = sum;
            }
            return y;
        }
    }

    private final Linear pooler;

    private final Linear classifier;

    private final Linear qa;

    private HostHeads(final Linear pooler, final Linear classifier, final Linear qa) {
        this.pooler = pooler;
        this.classifier = classifier;
        this.qa = qa;
    }

    /** The classifier (with the pooler when the model has one) of a model that has a classification head. */
    static HostHeads classifier(final BertModel model) {
        final BertWeights p = model.parameters();
        return new HostHeads(model.heads().hasPooler() ? Linear.of(p, "pooler.dense") : null,
            Linear.of(p, "classifier"), null);
    }

    /** The start/end head of a model that has a QA head. */
    static HostHeads questionAnswering(final BertModel model) {
        return new HostHeads(null, null, Linear.of(model.parameters(), "qa_outputs"));
    }

    /** Class probabilities (softmax of the logits) from the [CLS] row at {@code offset} of {@code states}. */
    float[] classProbabilities(final float[] states, final int offset) {
        float[] input = states;
        int from = offset;
        if (pooler != null) {
            final double[] pooled = pooler.apply(states, offset);
            input = new float[pooled.length];
            for (int d = 0; d < pooled.length; d++) {
                input[d] = (float)Math.tanh(pooled[d]);
            }
            from = 0;
        }
        final double[] logits = classifier.apply(input, from);
        double max = Double.NEGATIVE_INFINITY;
        for (final double l : logits) {
            max = Math.max(max, l);
        }
        double sum = 0;
        final double[] e = new double[logits.length];
        for (int c = 0; c < logits.length; c++) {
            e[c] = Math.exp(logits[c] - max);
            sum += e[c];
        }
        final float[] p = new float[logits.length];
        for (int c = 0; c < logits.length; c++) {
            p[c] = (float)(e[c] / sum);
        }
        return p;
    }

    /**
     * Start and end logits of {@code tokens} consecutive rows from {@code offset} of {@code states} (one text's
     * tokens): {start[], end[]}.
     */
    float[][] spanLogits(final float[] states, final int offset, final int tokens) {
        final float[][] logits = new float[2][tokens];
        for (int t = 0; t < tokens; t++) {
            final double[] y = qa.apply(states, offset + t * qa.in());
            logits[0][t] = (float)y[0];
            logits[1][t] = (float)y[1];
        }
        return logits;
    }
}
