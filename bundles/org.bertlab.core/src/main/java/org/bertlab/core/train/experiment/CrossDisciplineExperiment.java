package org.bertlab.core.train.experiment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.bertlab.core.corpus.ArtificialCorpus;
import org.bertlab.core.corpus.CorpusKind;
import org.bertlab.core.corpus.CorpusOptions;
import org.bertlab.core.corpus.Sequence;
import org.bertlab.core.mapping.SymbolTokenizer;
import org.bertlab.core.mapping.TokenMapping;
import org.bertlab.core.mapping.VocabularyCandidates;
import org.bertlab.core.model.BertModel;
import org.bertlab.core.model.LoadOptions;
import org.bertlab.core.model.ModelLoader;
import org.bertlab.core.train.AttachedMapping;
import org.bertlab.core.train.ClassificationExample;
import org.bertlab.core.train.EpochStatistics;
import org.bertlab.core.train.FineTuneOptions;
import org.bertlab.core.train.FineTuneResult;
import org.bertlab.core.train.FineTuner;
import org.bertlab.core.train.TrainingProgress;

/**
 * Cross-discipline transfer (Papadimitriou &amp; Jurafsky 2020; Chiang &amp; Lee 2022 ask the same of other
 * disciplines): a DNA classification task (does the sequence carry the planted TATA-box motif?) read by a
 * language-pretrained BERT through a seeded random map of DNA 3-mers onto word-like tokens of its vocabulary,
 * against the same architecture with random weights reading the same tokens. Both are fine-tuned identically, so
 * their validation loss and accuracy after each epoch compare at equal steps.
 *
 * @param sequences number of DNA sequences (three quarters train, one quarter validation)
 * @param length bases per sequence
 * @param k k-mer length of the mapping
 * @param options fine-tuning settings of both runs
 */
public record CrossDisciplineExperiment(int sequences, int length, int k, FineTuneOptions options) {

    public static CrossDisciplineExperiment defaults() {
        return new CrossDisciplineExperiment(400, 48, 3, FineTuneOptions.builder().epochs(6).batchSize(16)
            .learningRate(1e-4).maxLength(32).validationFraction(0).seed(11).build());
    }

    /**
     * @param pretrained the language model (closed here)
     */
    public ExperimentReport run(final BertModel pretrained, final Consumer<String> log) {
        final List<Sequence> dna = ArtificialCorpus.generate(CorpusOptions.builder().kind(CorpusKind.DNA)
            .count(sequences).length(length).seed(options.seed()).build()).sequences();
        final List<ClassificationExample> all = dna.stream().map(s -> ClassificationExample.of(s.letters(),
            String.valueOf(s.label().getAsInt()))).toList();
        final int split = sequences * 3 / 4;
        final List<ClassificationExample> train = all.subList(0, split);
        final List<ClassificationExample> validation = all.subList(split, all.size());
        final SymbolTokenizer kmers = SymbolTokenizer.kmers(k);
        final TokenMapping mapping = TokenMapping.random(kmers, kmers.allKmers("ACGT"),
            VocabularyCandidates.wordLike(pretrained.tokenizer().vocabulary()), options.seed());

        final BertModel random;
        try {
            random = ModelLoader.createRandom(pretrained.config(), pretrained.tokenizer().withMaxLength(
                pretrained.tokenizer().maxLength()), LoadOptions.DEFAULT.withDevice(options.device()), options.seed());
        } catch (IOException e) {
            pretrained.close();
            throw new UncheckedIOException(e);
        }
        final List<List<String>> rows = new ArrayList<>();
        final List<FineTuneResult> results = new ArrayList<>();
        try (BertModel language = pretrained; BertModel scratch = random) {
            for (final BertModel model : List.of(language, scratch)) {
                AttachedMapping.attach(model, mapping);
                final FineTuneResult r = new FineTuner(options).classify(model, train, validation,
                    TrainingProgress.NONE);
                results.add(r);
                log.accept((model == language ? "language-pretrained: " : "random init: ") + r.epochs());
            }
        }
        for (int e = 0; e < options.epochs(); e++) {
            final EpochStatistics a = results.get(0).epochs().get(e);
            final EpochStatistics b = results.get(1).epochs().get(e);
            rows.add(List.of(String.valueOf(a.epoch()), String.valueOf(a.steps()), ExperimentReport.f(a.trainLoss()),
                ExperimentReport.f(a.validationLoss()), ExperimentReport.f(a.accuracy()),
                ExperimentReport.f(b.trainLoss()), ExperimentReport.f(b.validationLoss()),
                ExperimentReport.f(b.accuracy())));
        }
        return new ExperimentReport("Cross-discipline: DNA motif classification through " + k + "-mer token mapping ("
            + train.size() + " training, " + validation.size() + " validation sequences of " + length + " bases)",
            List.of("epoch", "steps", "pretrained train loss", "pretrained val loss", "pretrained val accuracy",
                "random-init train loss", "random-init val loss", "random-init val accuracy"), rows,
            List.of("mapping: " + mapping.size() + " " + k + "-mers onto word-like vocabulary tokens, seeded random "
                + "(e.g. " + mapping.asMap().entrySet().stream().limit(3).map(en -> en.getKey() + "->"
                    + en.getValue()).toList() + ")", "fine-tuning (both): " + options,
                "majority baseline: 0.500 (labels are balanced)"));
    }
}
