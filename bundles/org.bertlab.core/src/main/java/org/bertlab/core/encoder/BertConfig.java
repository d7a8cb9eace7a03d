package org.bertlab.core.encoder;

import java.util.List;

import org.apache.commons.lang3.Validate;

/**
 * The architecture of a BERT, as Hugging Face's {@code config.json} describes it (read and written by
 * {@code org.bertlab.core.model.ConfigJson}). Only pure BERT architectures ({@code model_type} "bert") are
 * described; every size works from these fields alone.
 *
 * @param vocabSize rows of the word embedding matrix
 * @param hiddenSize width of every hidden state
 * @param numLayers number of transformer layers
 * @param numHeads attention heads per layer (not stored in ONNX exports, so it always comes from a config)
 * @param intermediateSize width of the feed-forward layer
 * @param maxPositions rows of the position embedding matrix
 * @param typeVocabSize rows of the token type embedding matrix
 * @param layerNormEps epsilon of every LayerNorm (1e-12 in BERT)
 * @param hiddenDropout dropout on hidden states during training
 * @param attentionDropout dropout on attention probabilities during training
 * @param padTokenId the id used for padding
 * @param labels class labels of a sequence classification head, in index order; empty when there is none
 */
public record BertConfig(int vocabSize, int hiddenSize, int numLayers, int numHeads, int intermediateSize,
    int maxPositions, int typeVocabSize, float layerNormEps, float hiddenDropout, float attentionDropout,
    int padTokenId, List<String> labels) {

    public BertConfig {
        Validate.isTrue(vocabSize > 0, "vocab_size must be positive, got %d", vocabSize);
        Validate.isTrue(hiddenSize > 0, "hidden_size must be positive, got %d", hiddenSize);
        Validate.isTrue(numLayers > 0, "num_hidden_layers must be positive, got %d", numLayers);
        Validate.isTrue(numHeads > 0 && hiddenSize % numHeads == 0,
            "hidden_size (%d) must be a positive multiple of num_attention_heads (%d)", hiddenSize, numHeads);
        Validate.isTrue(intermediateSize > 0, "intermediate_size must be positive, got %d", intermediateSize);
        Validate.isTrue(maxPositions > 0, "max_position_embeddings must be positive, got %d", maxPositions);
        Validate.isTrue(typeVocabSize > 0, "type_vocab_size must be positive, got %d", typeVocabSize);
        // Sane limits, far above any BERT, checked before anything is sized from these numbers.
        Validate.isTrue(numLayers <= MAX_LAYERS, "num_hidden_layers %d is over the limit of %d", numLayers,
            MAX_LAYERS);
        Validate.isTrue(numHeads <= hiddenSize, "num_attention_heads %d is more than hidden_size %d", numHeads,
            hiddenSize);
        Validate.isTrue(typeVocabSize <= MAX_TYPE_VOCABULARY, "type_vocab_size %d is over the limit of %d",
            typeVocabSize, MAX_TYPE_VOCABULARY);
        checkMatrix("vocab_size", vocabSize, "hidden_size", hiddenSize);
        checkMatrix("max_position_embeddings", maxPositions, "hidden_size", hiddenSize);
        checkMatrix("hidden_size", hiddenSize, "hidden_size", hiddenSize);
        checkMatrix("hidden_size", hiddenSize, "intermediate_size", intermediateSize);
        Validate.isTrue(Float.isFinite(layerNormEps) && layerNormEps >= 0, "layer_norm_eps must be a small "
            + "non-negative number, got %s", layerNormEps);
        Validate.isTrue(hiddenDropout >= 0 && hiddenDropout < 1, "hidden_dropout_prob must lie in [0, 1), got %s",
            hiddenDropout);
        Validate.isTrue(attentionDropout >= 0 && attentionDropout < 1, "attention_probs_dropout_prob must lie in "
            + "[0, 1), got %s", attentionDropout);
        labels = List.copyOf(labels);
    }

    /** Most transformer layers accepted (BERT-large has 24). */
    public static final int MAX_LAYERS = 1024;

    /** Most token types accepted (BERT has 2). */
    public static final int MAX_TYPE_VOCABULARY = 1 << 16;

    /** One weight matrix must fit a Java array: rows x columns below 2^31 - 8. */
    private static void checkMatrix(final String rowsName, final int rows, final String columnsName,
        final int columns) {
        final long size = (long)rows * columns;
        Validate.isTrue(size <= Integer.MAX_VALUE - 8, "%s %d x %s %d = %d weights in one matrix, more than one "
            + "array can hold (2^31 - 8); no BERT is this large", rowsName, rows, columnsName, columns, size);
    }

    /** A BERT of the given size with BERT's usual defaults for everything else. */
    public static BertConfig of(final int vocabSize, final int hiddenSize, final int numLayers, final int numHeads,
        final int intermediateSize, final int maxPositions) {
        return new BertConfig(vocabSize, hiddenSize, numLayers, numHeads, intermediateSize, maxPositions, 2, 1e-12f,
            0.1f, 0.1f, 0, List.of());
    }

    public int headSize() {
        return hiddenSize / numHeads;
    }

    /** The same architecture with another label set (for a classification head). */
    public BertConfig withLabels(final List<String> newLabels) {
        return new BertConfig(vocabSize, hiddenSize, numLayers, numHeads, intermediateSize, maxPositions,
            typeVocabSize, layerNormEps, hiddenDropout, attentionDropout, padTokenId, newLabels);
    }

    /** Parameters of the encoder (embeddings and layers, no heads). */
    public long encoderParameterCount() {
        final long h = hiddenSize;
        final long embeddings = (vocabSize + maxPositions + typeVocabSize) * h + 2 * h;
        final long layer = 4 * (h * h + h) + (h * intermediateSize + intermediateSize)
            + (intermediateSize * h + h) + 4 * h;
        return embeddings + numLayers * layer;
    }
}
