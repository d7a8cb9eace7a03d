package org.bertlab.core.align;

import java.util.Arrays;

import org.apache.commons.lang3.Validate;
import org.bertlab.core.align.MrrOptions.Candidates;
import org.bertlab.core.align.MrrOptions.Mode;
import org.bertlab.core.align.MrrOptions.Pieces;
import org.bertlab.core.encoder.BertConfig;
import org.bertlab.core.options.InvalidOptionException;

/**
 * Options of the Language Offset computation: layers, how many nearest words to list, where candidates come from,
 * how pieces are pooled. Word vectors are always contextual averages, since the offset comes from the corpora.
 */
public final class OffsetOptions {

    public static final int DEFAULT_TOP_K = 5;

    private final int[] layers;

    private final int topK;

    private final Candidates candidates;

    private final Pieces pieces;

    private final int batchSize;

    private OffsetOptions(final Builder b) {
        this.layers = b.layers.clone();
        this.topK = b.topK;
        this.candidates = b.candidates;
        this.pieces = b.pieces;
        this.batchSize = b.batchSize;
    }

    public static OffsetOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public int[] layers() {
        return layers.clone();
    }

    public int topK() {
        return topK;
    }

    public Candidates candidates() {
        return candidates;
    }

    public Pieces pieces() {
        return pieces;
    }

    public int batchSize() {
        return batchSize;
    }

    /** The layers for that model, sorted; a layer out of range is an error naming it. */
    public int[] resolveLayers(final BertConfig config) {
        return MrrOptions.resolveLayers(layers, Mode.CONTEXTUAL, config.numLayers());
    }

    @Override
    public String toString() {
        return "layers=" + (layers.length == 0 ? "all" : Arrays.toString(layers)) + " top-k=" + topK + " candidates="
            + MrrOptions.commandLineName(candidates) + " pieces=" + MrrOptions.commandLineName(pieces);
    }

    /** Builder: all layers, top 5, dictionary candidates, mean of pieces, batches of 32. */
    public static final class Builder {

        private int[] layers = new int[0];

        private int topK = DEFAULT_TOP_K;

        private Candidates candidates = Candidates.DICTIONARY;

        private Pieces pieces = Pieces.MEAN;

        private int batchSize = MrrOptions.DEFAULT_BATCH_SIZE;

        public Builder layers(final int... value) {
            for (final int layer : value) {
                InvalidOptionException.require(layer >= 0, "layers", "list layer " + layer
                    + ", which does not exist: layers start at 0 (embedding output).");
            }
            this.layers = value.clone();
            return this;
        }

        public Builder topK(final int value) {
            Validate.inclusiveBetween(1, 1000, value, "top-k must be between 1 and 1000, got %d", value);
            this.topK = value;
            return this;
        }

        /** Dictionary targets, or every target-corpus word (plus the dictionary's targets). */
        public Builder candidates(final Candidates value) {
            this.candidates = Validate.notNull(value, "candidates");
            return this;
        }

        public Builder pieces(final Pieces value) {
            this.pieces = Validate.notNull(value, "pieces");
            return this;
        }

        public Builder batchSize(final int value) {
            Validate.inclusiveBetween(1, 4096, value, "The batch size must be between 1 and 4096, got %d", value);
            this.batchSize = value;
            return this;
        }

        public OffsetOptions build() {
            return new OffsetOptions(this);
        }
    }
}
