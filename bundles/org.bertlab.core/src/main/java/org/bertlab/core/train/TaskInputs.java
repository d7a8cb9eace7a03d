package org.bertlab.core.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.bertlab.core.encoder.BertLayout;
import org.bertlab.core.mapping.AttachedMapping;
import org.bertlab.core.mapping.TokenMapping;
import org.bertlab.core.model.BertModel;
import org.bertlab.core.model.TrainableModel;
import org.bertlab.core.options.InvalidOptionException;
import org.bertlab.core.runtime.DjlRuntime;
import org.bertlab.core.tokenize.BertTokenizer;
import org.bertlab.core.tokenize.TokenizedText;
import org.bertlab.core.weights.NamedTensor;

/**
 * What the task preparers share: the model being trained, the options, the token mapping the model carries, and the
 * ways they read texts (mapped, cut to the maximum length) and check them.
 */
final class TaskInputs {

    /** Share of [UNK] among training tokens above which the texts cannot be what the vocabulary was made for. */
    static final double MAX_UNKNOWN_SHARE = 0.5;

    final TrainableModel trainable;

    final BertModel model;

    final FineTuneOptions options;

    private final Optional<TokenMapping> mapping;

    TaskInputs(final TrainableModel trainable, final FineTuneOptions options) {
        this.trainable = trainable;
        this.model = trainable.model();
        this.options = options;
        this.mapping = AttachedMapping.of(model);
    }

    /** A raw text read through the model's token mapping, if it carries one. */
    String map(final String text, final String table, final int row) {
        return mapping.isEmpty() ? text : mapping.get().apply(text, table + " row " + (row + 1));
    }

    /** The length texts are cut to: the options' maximum, else the model's. */
    int maxLength() {
        final int modelMax = Math.min(model.tokenizer().maxLength(), model.config().maxPositions());
        return options.maxLength() == 0 ? modelMax : Math.min(options.maxLength(), model.config().maxPositions());
    }

    /** Runs {@code use} with a tokenizer cut at {@link #maxLength()}. */
    <T> T withTokenizer(final Function<BertTokenizer, T> use) {
        final int maxLength = maxLength();
        if (maxLength == model.tokenizer().maxLength()) {
            return use.apply(model.tokenizer());
        }
        try (BertTokenizer t = model.tokenizer().withMaxLength(maxLength)) {
            return use.apply(t);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A tokenizer that cuts nothing, for QA's own windows; the caller closes it. */
    BertTokenizer unbounded() {
        try {
            return model.tokenizer().withMaxLength(1 << 20);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Adds a head with BERT's initialisation, drawn from the options' seed. */
    void addHead(final Map<String, long[]> shapes) {
        final Map<String, NamedTensor> tensors = BertLayout.initialise(shapes, options.seed());
        DjlRuntime.run(() -> tensors.forEach((name, t) -> trainable.parameters().put(t, name, model.dataType())));
    }

    /**
     * Token ids must index the embedding matrix, and texts the vocabulary cannot read (mostly [UNK]) would train
     * on nothing: both are a mismatch of data, tokenizer and model.
     */
    void checkVocabulary(final List<TokenizedText> texts, final List<String> notes) {
        final int vocab = model.config().vocabSize();
        final int unknown = model.tokenizer().id("[UNK]").orElse(-1);
        long tokens = 0;
        long unknowns = 0;
        for (int row = 0; row < texts.size(); row++) {
            final TokenizedText t = texts.get(row);
            for (int i = 0; i < t.length(); i++) {
                final long id = t.ids()[i];
                if (id < 0 || id >= vocab) {
                    throw new IllegalArgumentException("Training row " + (row + 1) + " has token id " + id + " ('"
                        + t.tokens()[i] + "') but the model's vocabulary has " + vocab + " rows: the tokenizer does "
                        + "not belong to this model.");
                }
                if (!t.isSpecial(i)) {
                    tokens++;
                    if (id == unknown) {
                        unknowns++;
                    }
                }
            }
        }
        final double share = tokens == 0 ? 0 : (double)unknowns / tokens;
        if (share > MAX_UNKNOWN_SHARE) {
            throw new InvalidOptionException("task", String.format("%.0f %% of the training tokens are [UNK]: the "
                + "texts do not fit the model's vocabulary of %d tokens. Use a model whose vocabulary covers these "
                + "texts, {lowercase} for capitalised text on a lower-case vocabulary, a token mapping for non-text "
                + "sequences, or the pretrain {task}, which builds its vocabulary from the data.", 100 * share, vocab),
                null);
        }
        if (share > 0.05) {
            notes.add(String.format("%.1f %% of the training tokens are [UNK]", 100 * share));
        }
    }
}
