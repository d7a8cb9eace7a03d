package org.bertlab.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.bertlab.core.io.OutputFile;
import org.bertlab.core.model.BertModel;
import org.bertlab.core.train.experiment.ArtificialDataExperiment;
import org.bertlab.core.train.experiment.CrossDisciplineExperiment;
import org.bertlab.core.train.experiment.ExperimentReport;
import org.bertlab.core.train.experiment.ZeroShotExperiment;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bertlab experiment}: the three transfer experiments of the engine, one command each. */
@Command(name = "experiment", mixinStandardHelpOptions = true,
    description = "Reproduce a transfer experiment (docs/experiments.md): zero-shot, cross-discipline, artificial.",
    subcommands = {ExperimentCommand.ZeroShot.class, ExperimentCommand.CrossDiscipline.class,
        ExperimentCommand.Artificial.class})
final class ExperimentCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Prints the report and, if asked, writes it to a file. */
    static void report(final CommandSpec spec, final ExperimentReport report, final Path output) {
        spec.commandLine().getOut().println(report.format());
        if (output != null) {
            try {
                OutputFile.writeString(output, List.of(), report.format() + "\n");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Command(name = "zero-shot", mixinStandardHelpOptions = true,
        description = "Fine-tune on English topic sentences only, test on Chinese translations of held-out ones; "
            + "compare with the majority class and with fine-tuning on Chinese (shipped CC0 data, 160 pairs).")
    static final class ZeroShot implements Callable<Integer> {
        @Mixin
        ModelOptions model;

        @Option(names = "--output", paramLabel = "FILE", description = "Also write the report here.")
        Path output;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            final ExperimentReport r = ZeroShotExperiment.defaults().run(() -> {
                try {
                    return model.load();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, line -> spec.commandLine().getErr().println("done: " + line));
            report(spec, r, output);
            return 0;
        }
    }

    @Command(name = "cross-discipline", mixinStandardHelpOptions = true,
        description = "DNA motif classification through a 3-mer token mapping: the language-pretrained model vs the "
            + "same architecture randomly initialised, loss and accuracy per epoch at equal steps.")
    static final class CrossDiscipline implements Callable<Integer> {
        @Mixin
        ModelOptions model;

        @Option(names = "--output", paramLabel = "FILE", description = "Also write the report here.")
        Path output;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            final BertModel m = model.load();
            report(spec, CrossDisciplineExperiment.defaults().run(m,
                line -> spec.commandLine().getErr().println("done: " + line)), output);
            return 0;
        }
    }

    @Command(name = "artificial", mixinStandardHelpOptions = true,
        description = "Pre-train a small BERT from scratch on each artificial corpus kind with the same budget, "
            + "fine-tune each on DNA motif classification, and compare with no pre-training.")
    static final class Artificial implements Callable<Integer> {
        @Option(names = "--output", paramLabel = "FILE", description = "Also write the report here.")
        Path output;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            report(spec, ArtificialDataExperiment.defaults().run(
                line -> spec.commandLine().getErr().println("done: " + line)), output);
            return 0;
        }
    }

}
