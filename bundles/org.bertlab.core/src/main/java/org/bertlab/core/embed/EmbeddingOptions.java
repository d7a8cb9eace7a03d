package org.bertlab.core.embed;

import org.apache.commons.lang3.Validate;
import org.bertlab.core.encoder.BertConfig;
import org.bertlab.core.options.InvalidOptionException;

/**
 * Options of the Token Embedding computation, shared by the node and the command line: which layers, pooling,
 * batch size and whether [CLS]/[SEP] get vectors. Layer 0 is the embedding output, layer L the top layer.
 */
public final class EmbeddingOptions {

    public static final int DEFAULT_BATCH_SIZE = 32;

    private final int[] layers;

    private final Pooling pooling;

    private final int batchSize;

    private final boolean includeSpecialTokens;

    private EmbeddingOptions(final Builder b) {
        this.layers = b.layers.clone();
        this.pooling = b.pooling;
        this.batchSize = b.batchSize;
        this.includeSpecialTokens = b.includeSpecialTokens;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The layers asked for; empty means all. */
    public int[] layers() {
        return layers.clone();
    }

    public Pooling pooling() {
        return pooling;
    }

    public int batchSize() {
        return batchSize;
    }

    public boolean includeSpecialTokens() {
        return includeSpecialTokens;
    }

    /**
     * The layers for a model of that config, sorted and checked.
     *
     * @throws InvalidOptionException naming the layer that does not exist
     */
    public int[] resolveLayers(final BertConfig config) {
        return LayerSelection.resolve(layers, config.numLayers());
    }

    /** Builder with the defaults: all layers, no pooling, batches of 32, special tokens included. */
    public static final class Builder {

        private int[] layers = new int[0];

        private Pooling pooling = Pooling.NONE;

        private int batchSize = DEFAULT_BATCH_SIZE;

        private boolean includeSpecialTokens = true;

        public Builder layers(final int... value) {
            this.layers = value.clone();
            return this;
        }

        public Builder pooling(final Pooling value) {
            this.pooling = Validate.notNull(value, "pooling");
            return this;
        }

        public Builder batchSize(final int value) {
            Validate.inclusiveBetween(1, 4096, value, "The batch size must be between 1 and 4096, got %d", value);
            this.batchSize = value;
            return this;
        }

        public Builder includeSpecialTokens(final boolean value) {
            this.includeSpecialTokens = value;
            return this;
        }

        public EmbeddingOptions build() {
            return new EmbeddingOptions(this);
        }
    }
}
