package org.bertlab.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.bertlab.core.corpus.ArtificialCorpus;
import org.bertlab.core.corpus.CorpusKind;
import org.bertlab.core.corpus.CorpusOptions;
import org.bertlab.core.corpus.CorpusWriter;
import org.junit.jupiter.api.Test;

/** Pre-training from scratch on an artificial corpus learns its structure: MLM loss far below log(vocab). */
class MaskedLmTrainingTest {

    @Test
    void pretrainingOnFlatTwoLowersHeldOutLossWellBelowUniform() {
        final List<TextExample> texts = ArtificialCorpus.generate(CorpusOptions.builder().kind(CorpusKind.FLAT_2)
            .vocabularySize(40).count(600).minLength(8).maxLength(16).seed(1).build()).sequences().stream()
            .map(s -> new TextExample(CorpusWriter.format(s))).toList();
        final FineTuneOptions options = FineTuneOptions.builder().task(FineTuneTask.PRETRAIN).epochs(30)
            .batchSize(16).learningRate(2e-3).maxLength(24).validationFraction(0.1).pretrainHidden(64)
            .pretrainLayers(2).pretrainHeads(4).seed(2).build();
        final FineTuneResult result = new Pretrainer(options).pretrain(texts, null, TrainingProgress.NONE);
        try (var model = result.model()) {
            assertEquals(45, model.config().vocabSize(), "40 ids and 5 specials");
            // The options' shape, with the feed-forward width BERT's 4 × hidden.
            assertEquals(new NewModelShape(2, 64, 4, 256, FineTuneOptions.DEFAULT_PRETRAIN_VOCAB),
                options.pretrainShape());
            assertEquals(options.pretrainShape().config(45, 512), model.config());
            assertTrue(options.toString().endsWith(" layers=2 hidden=64 heads=4 intermediate=256 vocab="
                + FineTuneOptions.DEFAULT_PRETRAIN_VOCAB), options.toString());
            final double uniform = Math.log(40);
            final double held = result.last().validationLoss();
            assertTrue(result.epochs().get(0).validationLoss() > 0.7 * uniform, "starts near uniform");
            assertTrue(held < 0.5 * uniform, "held-out MLM loss " + held + " vs log(vocab) " + uniform);
            assertTrue(model.heads().hasMaskedLm());
        }
    }
}
