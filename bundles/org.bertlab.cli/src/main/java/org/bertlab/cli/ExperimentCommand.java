package org.bertlab.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.Consumer;

import org.bertlab.core.corpus.CorpusKind;
import org.bertlab.core.io.OutputFile;
import org.bertlab.core.model.BertModel;
import org.bertlab.core.runtime.DeviceChoice;
import org.bertlab.core.train.QaExample;
import org.bertlab.core.train.experiment.ArtificialDataExperiment;
import org.bertlab.core.train.experiment.CrossDisciplineExperiment;
import org.bertlab.core.train.experiment.ExperimentReport;
import org.bertlab.core.train.experiment.ZeroShotExperiment;
import org.bertlab.core.train.experiment.ZeroShotQaExperiment;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bertlab experiment}: the three transfer experiments of the engine, one command each. */
@Command(name = "experiment", mixinStandardHelpOptions = true,
    description = "Reproduce a transfer experiment (docs/experiments.md): zero-shot, zero-shot-qa, cross-discipline, "
        + "artificial.",
    subcommands = {ExperimentCommand.ZeroShot.class, ExperimentCommand.ZeroShotQa.class,
        ExperimentCommand.CrossDiscipline.class, ExperimentCommand.Artificial.class})
final class ExperimentCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * Runs an experiment the way every subcommand does: --output checked first, progress lines ("done: …") on
     * standard error, then the report with wall time and load.
     */
    static int run(final CommandSpec spec, final Path output,
        final Function<Consumer<String>, ExperimentReport> experiment) {
        checkOutput(output);
        final long started = System.nanoTime();
        final double load = load();
        final ExperimentReport report = experiment.apply(line -> spec.commandLine().getErr().println("done: " + line));
        report(spec, report, output, started, load);
        return 0;
    }

    /** Checks --output before the experiment runs, so a refused file fails at once, not after the run. */
    static void checkOutput(final Path output) {
        try {
            Outputs.check(List.of(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Prints the report with the run's wall time and the machine's load and, if asked, writes it to a file. The
     * load average (all processes, over the last minute) says whether the per-run seconds came from a busy machine.
     */
    static void report(final CommandSpec spec, final ExperimentReport report, final Path output, final long started,
        final double loadAtStart) {
        final String machine = String.format("# wall time %.0f s; %d processors; load average %.2f at the start, %.2f "
            + "at the end", (System.nanoTime() - started) / 1e9, Runtime.getRuntime().availableProcessors(),
            loadAtStart, load());
        final String text = report.format() + "\n" + machine;
        spec.commandLine().getOut().println(text);
        if (output != null) {
            try {
                OutputFile.writeString(output, List.of(), text + "\n");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /** How many seeds, shared by every experiment. */
    static final class Seeds {
        @Option(names = "--seeds", paramLabel = "N", defaultValue = "1", description = "Run every configuration "
            + "with N seeds (the default seed, then +1, +2, ...) and print each seed's row, the mean and the standard "
            + "deviation (default: 1).")
        int seeds;

        int count() {
            if (seeds < 1) {
                throw new IllegalArgumentException("--seeds must be at least 1, got " + seeds);
            }
            return seeds;
        }
    }

    @Command(name = "zero-shot", mixinStandardHelpOptions = true,
        description = "Fine-tune on English topic sentences only, test on Chinese translations of held-out ones; "
            + "compare with the majority class and with fine-tuning on Chinese (shipped CC0 data, 160 pairs).")
    static final class ZeroShot implements Callable<Integer> {
        @Mixin
        ModelOptions model;

        @Mixin
        Seeds seeds;

        @Option(names = "--output", paramLabel = "FILE", description = "Also write the report here.")
        Path output;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            return run(spec, output, log -> model.withCopies(copies -> ZeroShotExperiment.defaults().run(copies,
                seeds.count(), log)));
        }
    }

    @Command(name = "zero-shot-qa", mixinStandardHelpOptions = true,
        description = {"Zero-shot cross-lingual reading comprehension (Hsu et al. 2019): fine-tune extractive QA on "
            + "English only and answer Chinese questions; beside it the model fine-tuned on Chinese and the same "
            + "architecture from random initialisation fine-tuned on English. Exact match and F1 on both test sets.",
            "Default data: the shipped CC0 English-Chinese set (300 training, 100 test questions per language). "
                + "For the paper's setting give SQuAD-format files, e.g. --model mbert --english-train "
                + "train-v1.1.json --chinese-train DRCD_training.json --english-test dev-v1.1.json --chinese-test "
                + "DRCD_test.json."})
    static final class ZeroShotQa implements Callable<Integer> {
        @Mixin
        ModelOptions model;

        @Mixin
        Seeds seeds;

        @Option(names = "--english-train", paramLabel = "FILE.json", description = "SQuAD-format English training "
            + "set (default: the shipped one).")
        Path englishTrain;

        @Option(names = "--chinese-train", paramLabel = "FILE.json", description = "SQuAD-format Chinese training "
            + "set, for the in-language reference (default: the shipped one).")
        Path chineseTrain;

        @Option(names = "--english-test", paramLabel = "FILE.json", description = "SQuAD-format English test set "
            + "(default: the shipped one).")
        Path englishTest;

        @Option(names = "--chinese-test", paramLabel = "FILE.json", description = "SQuAD-format Chinese test set "
            + "(default: the shipped one).")
        Path chineseTest;

        @Option(names = "--epochs", paramLabel = "N", description = "Fine-tuning epochs (default: 6).")
        Integer epochs;

        @Option(names = "--batch-size", paramLabel = "N", description = "Examples per step (default: 8).")
        Integer batchSize;

        @Option(names = "--learning-rate", paramLabel = "X", description = "Peak learning rate of the pre-trained "
            + "runs (default: 3e-4; the random-initialisation run uses 1e-3).")
        Double learningRate;

        @Option(names = "--freeze-embeddings", paramLabel = "true|false", arity = "1", description = "Keep the word "
            + "embeddings fixed (default: true).")
        Boolean freezeEmbeddings;

        @Option(names = "--output", paramLabel = "FILE", description = "Also write the report here.")
        Path output;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            ZeroShotQaExperiment experiment = ZeroShotQaExperiment.defaults();
            final var options = experiment.options().toBuilder().device(DeviceChoice.parse(
                model.device));
            if (epochs != null) {
                options.epochs(epochs);
            }
            if (batchSize != null) {
                options.batchSize(batchSize);
            }
            if (learningRate != null) {
                options.learningRate(learningRate);
            }
            if (freezeEmbeddings != null) {
                options.freezeEmbeddings(freezeEmbeddings);
            }
            if (model.maxLength > 0) {
                options.maxLength(model.maxLength);
            }
            final ZeroShotQaExperiment configured = new ZeroShotQaExperiment(options.build(),
                experiment.scratchLearningRate());
            final ZeroShotQaExperiment.Data shipped = ZeroShotQaExperiment.shippedData();
            final ZeroShotQaExperiment.Data data = new ZeroShotQaExperiment.Data(
                read(englishTrain, shipped.englishTrain()), read(chineseTrain, shipped.chineseTrain()),
                read(englishTest, shipped.englishTest()), read(chineseTest, shipped.chineseTest()));
            return run(spec, output, log -> model.withCopies(copies -> configured.run(copies, data, seeds.count(),
                log)));
        }

        private List<QaExample> read(final Path file, final List<QaExample> fallback)
            throws IOException {
            return file == null ? fallback : FinetuneCommand.readQa(file, spec.commandLine().getErr());
        }
    }

    @Command(name = "cross-discipline", mixinStandardHelpOptions = true,
        description = "DNA motif classification through a 3-mer token mapping: the language-pretrained model vs the "
            + "same architecture randomly initialised, each with a random and a frequency-rank mapping; loss and "
            + "accuracy after the same number of steps.")
    static final class CrossDiscipline implements Callable<Integer> {
        @Mixin
        ModelOptions model;

        @Mixin
        Seeds seeds;

        @Option(names = "--mappings", paramLabel = "random,frequency", split = ",",
            defaultValue = "random,frequency", description = "Mapping strategies to compare (default: both).")
        List<String> mappings;

        @Option(names = "--output", paramLabel = "FILE", description = "Also write the report here.")
        Path output;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            final List<CrossDisciplineExperiment.Mapping> strategies = mappings.stream().map(m -> switch (m.strip()) {
                case "random" -> CrossDisciplineExperiment.Mapping.RANDOM;
                case "frequency" -> CrossDisciplineExperiment.Mapping.FREQUENCY_RANK;
                default -> throw new IllegalArgumentException("--mappings: '" + m + "' is not a mapping strategy; "
                    + "use random, frequency or both (random,frequency)");
            }).toList();
            return run(spec, output, log -> model.withCopies(copies -> CrossDisciplineExperiment.defaults().run(copies,
                strategies, seeds.count(), log)));
        }
    }

    @Command(name = "artificial", mixinStandardHelpOptions = true,
        description = {"Pre-train a small BERT from scratch on each artificial corpus kind with the same budget, "
            + "fine-tune each on DNA motif classification, and compare with no pre-training. Each row gives the "
            + "held-out MLM loss beside the held-out unigram entropy: only a loss clearly below it, and below "
            + "uniform data's at the same budget (the control), shows that structure beyond token frequencies was "
            + "learned.",
            "The default budget (20 epochs of 1000 sequences, 600 masked-LM steps per corpus) is where shuffle is "
                + "learned beyond its unigram statistics; flat pairs need about 40 epochs. docs/experiments.md gives "
                + "the tables and wall times; --pretrain-epochs 6 is a quick check."})
    static final class Artificial implements Callable<Integer> {
        @Mixin
        Seeds seeds;

        @Option(names = "--pretrain-epochs", paramLabel = "N", description = "Masked-LM epochs over each corpus "
            + "(default: ${DEFAULT-VALUE}, about 600 steps per corpus).", defaultValue = "20")
        int pretrainEpochs;

        @Option(names = "--kinds", paramLabel = "KIND,...", split = ",", description = "Corpus kinds to pre-train "
            + "on (default: all of uniform, zipf, flat-pairs, flat-2, nested, shuffle); the row without "
            + "pre-training always comes first.")
        List<String> kinds;

        @Option(names = "--corpus-size", paramLabel = "N", description = "Sequences per pre-training corpus, 5 %% of "
            + "them held out (default: ${DEFAULT-VALUE}).", defaultValue = "1000")
        int corpusSize;

        @Option(names = "--output", paramLabel = "FILE", description = "Also write the report here.")
        Path output;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            final ArtificialDataExperiment experiment = ArtificialDataExperiment.defaults()
                .withPretrainingBudget(pretrainEpochs, corpusSize);
            final List<CorpusKind> chosen = kinds == null ? ArtificialDataExperiment.KINDS
                : kinds.stream().map(Artificial::kind).toList();
            return run(spec, output, log -> experiment.run(seeds.count(), chosen, log));
        }

        private static CorpusKind kind(final String name) {
            try {
                return CorpusKind.fromCommandLineName(name);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--kinds: " + e.getMessage(), e);
            }
        }
    }

}
