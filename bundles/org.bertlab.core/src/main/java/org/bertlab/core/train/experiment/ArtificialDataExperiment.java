package org.bertlab.core.train.experiment;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

import org.bertlab.core.corpus.ArtificialCorpus;
import org.bertlab.core.corpus.CorpusKind;
import org.bertlab.core.corpus.CorpusOptions;
import org.bertlab.core.corpus.CorpusWriter;
import org.bertlab.core.corpus.Sequence;
import org.bertlab.core.corpus.UnigramEntropy;
import org.bertlab.core.mapping.AttachedMapping;
import org.bertlab.core.mapping.SymbolTokenizer;
import org.bertlab.core.mapping.TokenMapping;
import org.bertlab.core.model.TrainableModel;
import org.bertlab.core.train.ClassificationExample;
import org.bertlab.core.train.FineTuneOptions;
import org.bertlab.core.train.FineTuneResult;
import org.bertlab.core.train.FineTuner;
import org.bertlab.core.train.Pretrainer;
import org.bertlab.core.train.TextExample;
import org.bertlab.core.train.TrainingProgress;

/**
 * Pre-training on artificial data (Chiang &amp; Lee 2020, 2022; Ri &amp; Tsuruoka 2022): a small BERT is pre-trained
 * from scratch with masked LM on each kind of artificial corpus with the same budget (sequences, epochs, batch),
 * then fine-tuned on one small downstream task, against the same architecture fine-tuned without pre-training.
 * All models share one vocabulary: the token ids 0..V-1 as words. The downstream task is DNA motif classification
 * whose 3-mers are mapped onto those ids (a fixed table: the i-th 3-mer in ACGT order reads as token "i"), so the
 * fine-tuning data is the same for every model.
 *
 * @param vocabulary token ids of the artificial corpora (at least 64, for the 3-mers)
 * @param corpusSize sequences per pre-training corpus
 * @param pretrain masked-LM settings (and model size) of every pre-training run
 * @param finetune settings of every downstream run
 * @param dnaSequences downstream sequences (three quarters train, one quarter validation)
 */
public record ArtificialDataExperiment(int vocabulary, int corpusSize, FineTuneOptions pretrain,
    FineTuneOptions finetune, int dnaSequences) {

    /** Kinds compared (unigram needs a weight file, so its Zipf special case stands for it). */
    public static final List<CorpusKind> KINDS = List.of(CorpusKind.UNIFORM, CorpusKind.ZIPF, CorpusKind.FLAT_PAIRS,
        CorpusKind.FLAT_2, CorpusKind.NESTED, CorpusKind.SHUFFLE);

    public static ArtificialDataExperiment defaults() {
        final FineTuneOptions pre = FineTuneOptions.builder().task("pretrain").epochs(20).batchSize(32)
            .learningRate(2e-3).maxLength(34).validationFraction(0.05).pretrainLayers(2).pretrainHidden(64)
            .pretrainHeads(4).seed(5).build();
        final FineTuneOptions fine = FineTuneOptions.builder().epochs(6).batchSize(16).learningRate(1e-3)
            .maxLength(34).validationFraction(0).seed(5).build();
        return new ArtificialDataExperiment(64, 1000, pre, fine, 400);
    }

    /**
     * @param seeds runs per corpus kind, with seeds pretrain.seed() (and finetune.seed()), +1, ...; the seed draws
     *     the corpora, the DNA data, the initialisation, masking, shuffling and dropout
     */
    public ExperimentReport run(final int seeds, final Consumer<String> log) {
        return run(seeds, KINDS, log);
    }

    /**
     * @param seeds runs per corpus kind, as {@link #run(int, Consumer)}
     * @param kinds the corpus kinds to pre-train on (the row without pre-training always comes first), so a long
     *     budget can be spent on the kinds in question only
     */
    public ExperimentReport run(final int seeds, final List<CorpusKind> kinds, final Consumer<String> log) {
        ExperimentReport.requireReproducibleThreads();
        for (final CorpusKind kind : kinds) {
            if (!KINDS.contains(kind)) {
                throw new IllegalArgumentException("corpus kind (--kinds) '" + kind.commandLineName() + "' is not "
                    + "one this experiment pre-trains on; use some of " + KINDS.stream()
                        .map(CorpusKind::commandLineName).toList());
            }
        }
        final List<String> vocab = new ArrayList<>(List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"));
        for (int i = 0; i < vocabulary; i++) {
            vocab.add(String.valueOf(i));
        }
        final SymbolTokenizer kmers = SymbolTokenizer.kmers(3);
        final Map<String, String> table = new LinkedHashMap<>();
        final List<String> all = kmers.allKmers("ACGT");
        for (int i = 0; i < all.size(); i++) {
            table.put(all.get(i), String.valueOf(i));
        }
        final TokenMapping mapping = TokenMapping.fromTable(kmers, table);
        final List<CorpusKind> runs = new ArrayList<>();
        runs.add(null);
        runs.addAll(kinds);
        final SeedSummary summary = new SeedSummary();
        int trainSize = 0;
        int validationSize = 0;
        int steps = 0;
        int heldOutSize = 0;
        for (final CorpusKind kind : runs) {
            for (int s = 0; s < seeds; s++) {
                final FineTuneOptions pre = pretrain.toBuilder().seed(pretrain.seed() + s).build();
                final FineTuneOptions fine = finetune.toBuilder().seed(finetune.seed() + s).build();
                final List<Sequence> dna = ArtificialCorpus.generate(CorpusOptions.builder().kind(CorpusKind.DNA)
                    .count(dnaSequences).length(48).seed(fine.seed()).build()).sequences();
                final List<ClassificationExample> examples = dna.stream().map(q -> ClassificationExample.of(
                    q.letters(), String.valueOf(q.label().getAsInt()))).toList();
                final List<ClassificationExample> train = examples.subList(0, dnaSequences * 3 / 4);
                final List<ClassificationExample> validation = examples.subList(dnaSequences * 3 / 4, dnaSequences);
                trainSize = train.size();
                validationSize = validation.size();
                final long start = System.nanoTime();
                try (TrainableModel model = new Pretrainer(pre).newModel(vocab)) {
                    double entropy = Double.NaN;
                    double mlm = Double.NaN;
                    double mlmAccuracy = Double.NaN;
                    if (kind != null) {
                        final List<List<Sequence>> corpus = heldOut(ArtificialCorpus.generate(CorpusOptions.builder()
                            .kind(kind).vocabularySize(vocabulary).count(corpusSize).minLength(16).maxLength(32)
                            .seed(pre.seed()).build()).sequences(), pre.validationFraction(), pre.seed());
                        entropy = UnigramEntropy.nats(corpus.get(1));
                        final FineTuneResult p = new FineTuner(pre).maskedLm(model, texts(corpus.get(0)),
                            texts(corpus.get(1)), TrainingProgress.NONE);
                        mlm = p.last().validationLoss();
                        mlmAccuracy = p.last().accuracy();
                        steps = p.last().steps();
                        heldOutSize = corpus.get(1).size();
                    }
                    AttachedMapping.attach(model, mapping);
                    final FineTuneResult r = new FineTuner(fine).classify(model, train, validation,
                        TrainingProgress.NONE);
                    final double best = r.epochs().stream().mapToDouble(e -> e.accuracy()).max().orElse(Double.NaN);
                    final String label = kind == null ? "none (random init)" : kind.commandLineName();
                    summary.add(List.of(label), pre.seed(), entropy, mlm, entropy - mlm, mlmAccuracy,
                        r.last().validationLoss(), r.last().accuracy(), best);
                    log.accept(String.format("%s, seed %d: held-out unigram entropy %.3f, MLM loss %.3f, accuracy "
                        + "%.3f; downstream %.3f / %.3f, best %.3f (%.0f s)", label, pre.seed(), entropy, mlm,
                        mlmAccuracy, r.last().validationLoss(), r.last().accuracy(), best,
                        (System.nanoTime() - start) / 1e9));
                }
            }
        }
        return new ExperimentReport("Artificial-data pre-training, then DNA motif classification (" + trainSize
            + " training, " + validationSize + " validation sequences)",
            List.of("pre-training corpus", "seed", "held-out unigram entropy", "held-out MLM loss",
                "entropy minus MLM loss", "held-out MLM accuracy", "downstream val loss", "downstream val accuracy",
                "best epoch accuracy"), summary.rows(),
            List.of("pre-training (each kind, same budget: " + corpusSize + " sequences of 16-32 tokens over "
                + vocabulary + " ids, " + heldOutSize + " held out; " + pretrain.epochs() + " epochs = " + steps
                + " MLM steps): " + pretrain, "fine-tuning (every row): " + finetune
                    + (seeds > 1 ? " (seeds varied per row)" : ""),
                "held-out unigram entropy: the loss in nats of the best unigram model of the held-out sequences "
                    + "(their own token frequencies); an MLM loss well below it means the model uses context",
                "uniform MLM loss is log(" + vocabulary + ") = " + ExperimentReport.f(Math.log(vocabulary)),
                "majority baseline downstream: 0.500 (labels are balanced)", ExperimentReport.runtime()));
    }

    /**
     * This experiment with another pre-training budget, the same for every corpus kind.
     *
     * @param epochs masked-LM epochs over each corpus
     * @param sequences sequences per corpus (the held-out fraction of them included)
     */
    public ArtificialDataExperiment withPretrainingBudget(final int epochs, final int sequences) {
        if (epochs < 1) {
            throw new IllegalArgumentException("pre-training epochs (--pretrain-epochs) must be at least 1, got "
                + epochs);
        }
        if (sequences < 2) {
            throw new IllegalArgumentException("the corpus size (--corpus-size) must be at least 2 sequences (one to "
                + "train on, one held out), got " + sequences);
        }
        return new ArtificialDataExperiment(vocabulary, sequences, pretrain.toBuilder().epochs(epochs).build(),
            finetune, dnaSequences);
    }

    /**
     * Splits a corpus into training and held-out sequences (seeded shuffle), here rather than inside the trainer, so
     * that the unigram entropy is computed on exactly the held-out sequences the MLM loss is measured on.
     */
    static List<List<Sequence>> heldOut(final List<Sequence> corpus, final double fraction, final long seed) {
        final List<Sequence> shuffled = new ArrayList<>(corpus);
        Collections.shuffle(shuffled, new Random(seed));
        final int held = Math.max(1, (int)Math.round(corpus.size() * fraction));
        return List.of(List.copyOf(shuffled.subList(held, shuffled.size())), List.copyOf(shuffled.subList(0, held)));
    }

    private static List<TextExample> texts(final List<Sequence> sequences) {
        return sequences.stream().map(q -> new TextExample(CorpusWriter.format(q))).toList();
    }
}
