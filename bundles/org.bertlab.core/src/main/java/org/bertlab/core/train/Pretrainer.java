package org.bertlab.core.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import org.apache.commons.lang3.StringUtils;
import org.bertlab.core.encoder.BertConfig;
import org.bertlab.core.model.LoadOptions;
import org.bertlab.core.model.ModelLoader;
import org.bertlab.core.model.TrainableModel;
import org.bertlab.core.tokenize.BertTokenizer;
import org.bertlab.core.tokenize.WholeWordVocabulary;

/**
 * Pre-trains a new BERT from scratch with masked LM: a whole-word vocabulary built from the training texts
 * ({@link WholeWordVocabulary}), a random model of the options' size settings (BERT's initialisation, seeded), then
 * the masked-LM task of {@link FineTuner#maskedLm} in the shared loop. Unlike {@link FineTuner}, which trains the
 * model it is given, this makes the model: the caller owns (closes) what it returns.
 */
public final class Pretrainer {

    private final FineTuneOptions options;

    public Pretrainer(final FineTuneOptions options) {
        this.options = options;
    }

    /**
     * Builds the vocabulary and the model from the training texts and trains it.
     *
     * @param validation held-out texts, or null/empty to hold out {@link FineTuneOptions#validationFraction()}
     */
    public FineTuneResult pretrain(final List<TextExample> train, final List<TextExample> validation,
        final TrainingProgress progress) {
        final List<String> texts = train.stream().map(TextExample::text).filter(StringUtils::isNotBlank).toList();
        if (texts.isEmpty()) {
            throw FineTuner.emptyTable(train.size(), "text");
        }
        final TrainableModel model = newModel(WholeWordVocabulary.build(texts,
            options.pretrainShape().vocabulary()));
        try {
            return new FineTuner(options).maskedLm(model, train, validation, progress);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /**
     * A new random BERT of the size settings over the given vocabulary (specials included), with a case-keeping
     * WordPiece tokenizer over it; the caller owns (closes) it.
     */
    public TrainableModel newModel(final List<String> vocabulary) {
        final int maxLength = options.maxLength() == 0 ? FineTuneOptions.DEFAULT_MAX_LENGTH : options.maxLength();
        final BertConfig config = options.pretrainShape().config(vocabulary.size(), Math.max(512, maxLength));
        try {
            final BertTokenizer tokenizer = BertTokenizer.fromVocabulary(vocabulary, false, maxLength,
                "the pre-training vocabulary");
            try {
                return TrainableModel.of(ModelLoader.createRandom(config, tokenizer,
                    LoadOptions.DEFAULT.withDevice(options.device()), options.seed()));
            } catch (IOException | RuntimeException e) {
                tokenizer.close();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
