package org.bertlab.cli.bench;

import java.util.List;

import org.bertlab.core.encoder.BertConfig;
import org.bertlab.core.tokenize.TokenizedText;

/**
 * The arithmetic of the encoder's forward pass on real tokens (padding excluded), counting a multiply-add as 2
 * FLOPs: per layer and token the products with the weight matrices (query, key, value, attention output: 4 ×
 * hidden²; feed-forward: 2 × hidden × intermediate), plus per text of n tokens the attention scores and context
 * (2 × n² × hidden each). Element-wise work (softmax, GELU, LayerNorm) is left out: it is a few percent.
 */
final class EncoderFlops {

    private final BertConfig config;

    private EncoderFlops(final BertConfig config) {
        this.config = config;
    }

    static EncoderFlops of(final BertConfig config) {
        return new EncoderFlops(config);
    }

    /** FLOPs of one text of n tokens through every layer. */
    double text(final int n) {
        final double h = config.hiddenSize();
        final double weights = 4 * h * h + 2 * h * config.intermediateSize();
        return config.numLayers() * (2 * weights * n + 4.0 * n * n * h);
    }

    double corpus(final List<TokenizedText> texts) {
        double sum = 0;
        for (final TokenizedText t : texts) {
            sum += text(t.length());
        }
        return sum;
    }
}
