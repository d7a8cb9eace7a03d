package org.bertlab.core.train;

import org.bertlab.core.encoder.BertConfig;

/**
 * The size of a BERT pre-trained from scratch ({@link Pretrainer}): its {@link BertConfig} but for the vocabulary,
 * which is built from the training texts (at most {@code vocabulary} whole words, the specials on top), and the
 * positions, which follow the maximum length.
 *
 * @param intermediate feed-forward width (4 × hidden unless set)
 */
public record NewModelShape(int layers, int hidden, int heads, int intermediate, int vocabulary) {

    /** The architecture over a built vocabulary of {@code vocabularySize} tokens, specials included. */
    public BertConfig config(final int vocabularySize, final int maxPositions) {
        return BertConfig.of(vocabularySize, hidden, layers, heads, intermediate, maxPositions);
    }

    /** As the options print it beside every pre-training result. */
    @Override
    public String toString() {
        return "layers=" + layers + " hidden=" + hidden + " heads=" + heads + " intermediate=" + intermediate
            + " vocab=" + vocabulary;
    }
}
