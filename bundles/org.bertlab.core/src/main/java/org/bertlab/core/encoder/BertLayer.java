package org.bertlab.core.encoder;

import org.bertlab.core.runtime.GraphScalars;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;

/**
 * One transformer layer as Hugging Face's BertLayer computes it (post-LayerNorm): self-attention, attention output
 * (dense, dropout, residual, LayerNorm), intermediate (dense, exact erf GELU), output (dense, dropout, residual,
 * LayerNorm). Weight names are {@code encoder.layer.N.} + the module path.
 */
final class BertLayer {

    private final BertConfig config;

    private final BertWeights p;

    private final String prefix;

    BertLayer(final BertConfig config, final BertWeights parameters, final int index) {
        this.config = config;
        this.p = parameters;
        this.prefix = "encoder.layer." + index + ".";
    }

    /**
     * @param hidden [batch, length, hidden]
     * @param additiveMask [batch, 1, 1, length]: 0 for real tokens, a large negative number for padding
     */
    NDArray forward(final NDArray hidden, final NDArray additiveMask, final boolean training) {
        final NDArray context = selfAttention(hidden, additiveMask, training);
        final NDArray attended = residualNorm(context, hidden, "attention.output", training);
        final NDArray intermediate = Activation.gelu(Ops.linear(p, prefix + "intermediate.dense", attended));
        return residualNorm(intermediate, attended, "output", training);
    }

    private NDArray selfAttention(final NDArray hidden, final NDArray additiveMask, final boolean training) {
        final NDArray q = transposeForScores(Ops.linear(p, prefix + "attention.self.query", hidden));
        final NDArray k = transposeForScores(Ops.linear(p, prefix + "attention.self.key", hidden));
        final NDArray v = transposeForScores(Ops.linear(p, prefix + "attention.self.value", hidden));
        final float scale = (float)(1.0 / Math.sqrt(config.headSize()));
        NDArray scores = GraphScalars.times(q.matMul(k.transpose(0, 1, 3, 2)), scale).add(additiveMask);
        NDArray probs = scores.softmax(-1);
        probs = Ops.dropout(probs, config.attentionDropout(), training);
        final NDArray context = probs.matMul(v).transpose(0, 2, 1, 3);
        final Shape s = hidden.getShape();
        return context.reshape(s.get(0), s.get(1), config.hiddenSize());
    }

    /** [batch, length, hidden] → [batch, heads, length, headSize]: Hugging Face's transpose_for_scores. */
    private NDArray transposeForScores(final NDArray x) {
        final Shape s = x.getShape();
        return x.reshape(s.get(0), s.get(1), config.numHeads(), config.headSize()).transpose(0, 2, 1, 3);
    }

    private NDArray residualNorm(final NDArray x, final NDArray residual, final String module,
        final boolean training) {
        NDArray y = Ops.linear(p, prefix + module + ".dense", x);
        y = Ops.dropout(y, config.hiddenDropout(), training);
        return Ops.layerNorm(p, prefix + module + ".LayerNorm", y.add(residual), config.layerNormEps());
    }
}
