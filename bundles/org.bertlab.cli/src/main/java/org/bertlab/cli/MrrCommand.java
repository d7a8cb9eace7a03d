package org.bertlab.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.bertlab.core.align.BilingualDictionary;
import org.bertlab.core.align.DictionaryMrr.LanguageVectors;
import org.bertlab.core.align.DictionaryMrr.LayerResult;
import org.bertlab.core.align.DictionaryMrr;
import org.bertlab.core.align.MrrChart;
import org.bertlab.core.align.MrrOptions;
import org.bertlab.core.embed.LayerSelection;
import org.bertlab.core.model.BertModel;
import org.bertlab.core.runtime.Progress;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bertlab mrr}: dictionary MRR and precision@k per layer and direction, as TSV. */
@Command(name = "mrr", mixinStandardHelpOptions = true,
    description = "Rank translation candidates by cosine per layer and report MRR and precision@1/5/10 against a "
        + "bilingual dictionary (MUSE format).")
final class MrrCommand implements Callable<Integer> {

    @Mixin
    ModelOptions model;

    @Spec
    CommandSpec spec;

    @Option(names = "--dictionary", required = true, paramLabel = "FILE",
        description = "One pair per line, source and target separated by a tab or spaces (UTF-8).")
    Path dictionary;

    @Option(names = "--source-corpus", paramLabel = "FILE", description = "Source-language texts, one per line.")
    Path sourceCorpus;

    @Option(names = "--target-corpus", paramLabel = "FILE", description = "Target-language texts, one per line.")
    Path targetCorpus;

    @Option(names = "--mode", defaultValue = "contextual", paramLabel = "contextual|isolated|static",
        description = "contextual: average over corpus occurrences; isolated: [CLS] word [SEP]; static: input "
            + "embedding rows (default: contextual).")
    String mode;

    @Option(names = "--center", description = "Subtract each language's mean word vector first.")
    boolean centred;

    @Option(names = "--pieces", defaultValue = "mean", paramLabel = "mean|first",
        description = "A word of several pieces: mean of the pieces or the first piece (default: mean).")
    String pieces;

    @Option(names = "--candidates", defaultValue = "dictionary", paramLabel = "dictionary|corpus",
        description = "Rank against the dictionary's targets or every word of the target corpus (default: "
            + "dictionary).")
    String candidates;

    @Option(names = "--layers", defaultValue = "all", paramLabel = "all|last|0,4",
        description = "Layers; 0 is the embedding output (default: all).")
    String layers;

    @Option(names = "--directions", defaultValue = "both", paramLabel = "both|source->target|target->source",
        description = "Directions to evaluate (default: both).")
    String directions;

    @Option(names = "--batch", defaultValue = "32", paramLabel = "N", description = "Texts per batch (default: 32).")
    int batch;

    @Option(names = "--output", required = true, paramLabel = "FILE.tsv",
        description = "layer, direction, mrr, p_at_1, p_at_5, p_at_10, evaluated, skipped.")
    Path output;

    @Option(names = "--ranks", paramLabel = "FILE.tsv", description = "layer, direction, source, target, rank.")
    Path ranks;

    @Option(names = "--chart", paramLabel = "FILE.png", description = "Line chart of MRR by layer.")
    Path chart;

    @Override
    public Integer call() throws Exception {
        final List<Path> inputs = Outputs.of(dictionary, sourceCorpus, targetCorpus, model.model);
        Outputs.check(inputs, output, ranks, chart);
        final BilingualDictionary dict = BilingualDictionary.read(dictionary);
        final List<String> source = CrossLingualOutput.corpus(sourceCorpus);
        final List<String> target = CrossLingualOutput.corpus(targetCorpus);
        try (BertModel m = model.load()) {
            final MrrOptions options = MrrOptions.builder().mode(MrrOptions.Mode.parse(mode))
                .centring(centred ? MrrOptions.Centring.CENTRED : MrrOptions.Centring.RAW)
                .pieces(MrrOptions.Pieces.parse(pieces)).candidates(MrrOptions.Candidates.parse(candidates))
                .layers(LayerSelection.parse(layers, m.config().numLayers()))
                .directions(MrrOptions.parseDirections(directions)).batchSize(batch).build();
            options.resolveLayers(m.config());
            final LanguageVectors vectors = DictionaryMrr.vectors(m, dict, source, target, options, Progress.NONE);
            final List<LayerResult> results = DictionaryMrr.evaluate(vectors, dict, options);
            final var err = spec.commandLine().getErr();
            TruncationNote.print(err, vectors.source().truncatedTexts() + vectors.target().truncatedTexts(),
                m.tokenizer().maxLength(), "words after the cut do not count in the averages");
            dict.skippedLines().forEach(line -> err.println("bertlab: note: skipped " + line));
            CrossLingualOutput.printSkips(err, results);
            CrossLingualOutput.writeMrr(output, results, inputs);
            if (ranks != null) {
                CrossLingualOutput.writeRanks(ranks, results, inputs);
            }
            if (chart != null) {
                MrrChart.write(chart, "Dictionary MRR by layer (" + options.toString() + ")", results, inputs);
            }
            final var out = spec.commandLine().getOut();
            for (final LayerResult r : results) {
                out.printf("layer %d %-15s mrr %.4f p@1 %.3f p@5 %.3f p@10 %.3f evaluated %d skipped %d%n",
                    r.layer(), r.direction().label(), r.mrr(), r.pAt1(), r.pAt5(), r.pAt10(), r.evaluated(),
                    r.skipped());
            }
        }
        return 0;
    }
}
