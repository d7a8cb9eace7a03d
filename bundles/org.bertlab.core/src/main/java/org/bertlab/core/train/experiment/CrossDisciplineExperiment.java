package org.bertlab.core.train.experiment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.bertlab.core.corpus.ArtificialCorpus;
import org.bertlab.core.corpus.CorpusKind;
import org.bertlab.core.corpus.CorpusOptions;
import org.bertlab.core.corpus.Sequence;
import org.bertlab.core.mapping.AttachedMapping;
import org.bertlab.core.mapping.SymbolTokenizer;
import org.bertlab.core.mapping.TokenMapping;
import org.bertlab.core.mapping.VocabularyCandidates;
import org.bertlab.core.model.BertModel;
import org.bertlab.core.model.LoadOptions;
import org.bertlab.core.model.ModelLoader;
import org.bertlab.core.model.TrainableModel;
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

    /** How 3-mers are mapped onto the vocabulary (the Token Mapper node's two strategies). */
    public enum Mapping {
        /** A seeded random one-to-one map onto word-like tokens. */
        RANDOM,
        /** The k-mers by frequency in the training sequences onto the word-like tokens in vocabulary order. */
        FREQUENCY_RANK;

        public String label() {
            return this == RANDOM ? "random" : "frequency rank";
        }
    }

    /**
     * One run per seed, mapping and initialisation; the seed draws the DNA data, the random mapping, the random
     * initialisation, the shuffling and dropout.
     *
     * @param models makes a fresh copy of the language model (called once per pre-trained run and once more for
     *     the vocabulary; each copy is closed here)
     * @param mappings the mapping strategies compared
     * @param seeds runs per configuration, with seeds options.seed(), options.seed() + 1, ...
     */
    public ExperimentReport run(final Supplier<BertModel> models, final List<Mapping> mappings, final int seeds,
        final Consumer<String> log) {
        ExperimentReport.requireReproducibleThreads();
        final SeedSummary summary = new SeedSummary();
        final List<String> examples = new ArrayList<>();
        int trainSize = 0;
        int validationSize = 0;
        try (BertModel language = models.get()) {
            final List<String> candidates = VocabularyCandidates.wordLike(language.tokenizer().vocabulary());
            for (final Mapping strategy : mappings) {
                for (int s = 0; s < seeds; s++) {
                    final long seed = options.seed() + s;
                    final FineTuneOptions seeded = options.toBuilder().seed(seed).build();
                    final List<Sequence> dna = ArtificialCorpus.generate(CorpusOptions.builder()
                        .kind(CorpusKind.DNA).count(sequences).length(length).seed(seed).build()).sequences();
                    final List<ClassificationExample> all = dna.stream().map(q -> ClassificationExample.of(
                        q.letters(), String.valueOf(q.label().getAsInt()))).toList();
                    final int split = sequences * 3 / 4;
                    final List<ClassificationExample> train = all.subList(0, split);
                    final List<ClassificationExample> validation = all.subList(split, all.size());
                    trainSize = train.size();
                    validationSize = validation.size();
                    final SymbolTokenizer kmers = SymbolTokenizer.kmers(k);
                    final TokenMapping mapping = strategy == Mapping.RANDOM
                        ? TokenMapping.random(kmers, kmers.allKmers("ACGT"), candidates, seed)
                        : TokenMapping.byFrequency(kmers, train.stream().map(ClassificationExample::text).toList(),
                            candidates);
                    if (s == 0) {
                        examples.add(strategy.label() + " (seed " + seed + "): " + mapping.asMap().entrySet().stream()
                            .limit(3).map(en -> en.getKey() + "->" + en.getValue()).toList());
                    }
                    for (final boolean isPretrained : new boolean[]{true, false}) {
                        final long start = System.nanoTime();
                        final BertModel model = isPretrained ? models.get() : random(language, seed);
                        try (TrainableModel m = TrainableModel.of(model)) {
                            AttachedMapping.attach(m, mapping);
                            final FineTuneResult r = new FineTuner(seeded).classify(m, train, validation,
                                TrainingProgress.NONE);
                            final double best = r.epochs().stream().mapToDouble(EpochStatistics::accuracy).max()
                                .orElse(Double.NaN);
                            final String init = isPretrained ? "language-pretrained" : "random init";
                            summary.add(List.of(strategy.label(), init), seed, r.epochs().get(0).accuracy(),
                                r.last().trainLoss(), r.last().validationLoss(), r.last().accuracy(), best);
                            log.accept(String.format("%s, %s, seed %d: val accuracy by epoch %s (%.0f s)",
                                strategy.label(), init, seed, r.epochs().stream()
                                    .map(e -> ExperimentReport.f(e.accuracy())).toList(),
                                (System.nanoTime() - start) / 1e9));
                        }
                    }
                }
            }
        }
        final List<String> notes = new ArrayList<>();
        notes.add("mapping: the " + (1 << (2 * k)) + " DNA " + k + "-mers onto word-like vocabulary tokens; e.g. "
            + String.join("; ", examples));
        notes.add("frequency rank: k-mers by count in the seed's training sequences onto word-like tokens in "
            + "vocabulary order (the Token Mapper node's 'frequency' strategy; a WordPiece vocabulary's order is "
            + "not a frequency order)");
        notes.add("fine-tuning (every run): " + options + (seeds > 1 ? " (seed varied per row)" : ""));
        notes.add("the seed draws the DNA data, the random mapping, the random initialisation, shuffling and dropout");
        notes.add("majority baseline: 0.500 (labels are balanced)");
        notes.add(ExperimentReport.runtime());
        return new ExperimentReport("Cross-discipline: DNA motif classification through " + k + "-mer token mapping ("
            + trainSize + " training, " + validationSize + " validation sequences of " + length + " bases, "
            + options.epochs() + " epochs)", List.of("mapping", "initialisation", "seed", "epoch 1 val accuracy",
                "final train loss", "final val loss", "final val accuracy", "best epoch val accuracy"),
            summary.rows(), notes);
    }

    private BertModel random(final BertModel language, final long seed) {
        try {
            return ModelLoader.createRandom(language.config(), language.tokenizer().withMaxLength(
                language.tokenizer().maxLength()), LoadOptions.DEFAULT.withDevice(options.device()), seed);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
