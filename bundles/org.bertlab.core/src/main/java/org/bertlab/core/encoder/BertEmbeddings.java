package org.bertlab.core.encoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.core.Embedding;

/** Hugging Face's BertEmbeddings: word + absolute position + token type embeddings, LayerNorm, dropout. */
final class BertEmbeddings {

    private final BertConfig config;

    private final BertWeights p;

    BertEmbeddings(final BertConfig config, final BertWeights parameters) {
        this.config = config;
        this.p = parameters;
    }

    /**
     * @param inputIds [batch, length] int64
     * @param typeIds [batch, length] int64
     * @return [batch, length, hidden]
     */
    NDArray forward(final NDArray inputIds, final NDArray typeIds, final boolean training) {
        final NDManager m = inputIds.getManager();
        final long length = inputIds.getShape().get(1);
        if (length > config.maxPositions()) {
            throw new IllegalArgumentException("A sequence of " + length + " tokens is longer than the model's "
                + config.maxPositions() + " positions; lower the maximum length.");
        }
        final NDArray positions = m.arange(0, (int)length, 1, DataType.INT64).expandDims(0);
        NDArray x = lookup(inputIds, "embeddings.word_embeddings.weight")
            .add(lookup(positions, "embeddings.position_embeddings.weight"))
            .add(lookup(typeIds, "embeddings.token_type_embeddings.weight"));
        x = Ops.layerNorm(p, "embeddings.LayerNorm", x, config.layerNormEps());
        return Ops.dropout(x, config.hiddenDropout(), training);
    }

    private NDArray lookup(final NDArray ids, final String table) {
        return Embedding.embedding(ids, p.get(table), SparseFormat.DENSE).singletonOrThrow();
    }
}
