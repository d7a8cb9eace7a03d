package org.bertlab.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.bertlab.core.align.BilingualDictionary;
import org.bertlab.core.align.LanguageOffset;
import org.bertlab.core.align.MrrOptions;
import org.bertlab.core.align.OffsetOptions;
import org.bertlab.core.embed.LayerSelection;
import org.bertlab.core.model.BertModel;
import org.bertlab.core.runtime.Progress;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bertlab offset}: language means, their offset, and translation by adding the offset, as TSV. */
@Command(name = "offset", mixinStandardHelpOptions = true,
    description = "Mean vector of each language per layer, offset = mean(target) - mean(source), and what adding "
        + "the offset to source words does for finding their translations.")
final class OffsetCommand implements Callable<Integer> {

    @Mixin
    ModelOptions model;

    @Spec
    CommandSpec spec;

    @Option(names = "--source-corpus", required = true, paramLabel = "FILE",
        description = "Source-language texts, one per line.")
    Path sourceCorpus;

    @Option(names = "--target-corpus", required = true, paramLabel = "FILE",
        description = "Target-language texts, one per line.")
    Path targetCorpus;

    @Option(names = "--dictionary", paramLabel = "FILE",
        description = "Pairs to score accuracy@1/5 and MRR on; without it every source-corpus word is translated "
            + "and nothing is scored.")
    Path dictionary;

    @Option(names = "--candidates", defaultValue = "dictionary", paramLabel = "dictionary|corpus",
        description = "Translate into the dictionary's targets or every target-corpus word (default: dictionary; "
            + "corpus without a dictionary).")
    String candidates;

    @Option(names = "--pieces", defaultValue = "mean", paramLabel = "mean|first",
        description = "A word of several pieces: mean of the pieces or the first piece (default: mean).")
    String pieces;

    @Option(names = "--layers", defaultValue = "all", paramLabel = "all|last|0,4",
        description = "Layers; 0 is the embedding output (default: all).")
    String layers;

    @Option(names = "--top-k", defaultValue = "5", paramLabel = "N", description = "Nearest words listed (default 5).")
    int topK;

    @Option(names = "--batch", defaultValue = "32", paramLabel = "N", description = "Texts per batch (default: 32).")
    int batch;

    @Option(names = "--output", required = true, paramLabel = "FILE.tsv",
        description = "layer, offset_norm, mean_cosine, evaluated, skipped, acc_at_1/acc_at_5/mrr without and "
            + "with the offset.")
    Path output;

    @Option(names = "--translations", paramLabel = "FILE.tsv",
        description = "layer, source, correct, without_offset, with_offset, rank_without, rank_with.")
    Path translations;

    @Option(names = "--decoded", paramLabel = "FILE.tsv",
        description = "Masked-LM decoding of top-layer vector + offset (models with an MLM head): source, "
            + "without_offset, with_offset.")
    Path decoded;

    @Override
    public Integer call() throws Exception {
        final List<Path> inputs = Outputs.of(dictionary, sourceCorpus, targetCorpus, model.model);
        Outputs.check(inputs, output, translations, decoded);
        final BilingualDictionary dict = dictionary == null ? null : BilingualDictionary.read(dictionary);
        final List<String> source = CrossLingualOutput.corpus(sourceCorpus);
        final List<String> target = CrossLingualOutput.corpus(targetCorpus);
        try (BertModel m = model.load()) {
            if (decoded != null && !m.heads().hasMaskedLm()) {
                throw new IllegalArgumentException("--decoded needs a model with a masked-LM head, and " + m.source()
                    + " has none (heads: " + (m.headNames().isEmpty() ? "none" : String.join(", ", m.headNames()))
                    + "). Leave out --decoded, or use a model saved with its MLM head (BertForMaskedLM).");
            }
            final OffsetOptions options = OffsetOptions.builder()
                .layers(LayerSelection.parse(layers, m.config().numLayers())).topK(topK)
                .candidates(MrrOptions.Candidates.parse(candidates)).pieces(MrrOptions.Pieces.parse(pieces))
                .batchSize(batch).build();
            final LanguageOffset.Report report = LanguageOffset.evaluate(m, source, target, dict, options,
                Progress.NONE);
            TruncationNote.print(spec.commandLine().getErr(), report.truncatedTexts(), m.tokenizer().maxLength(),
                "words after the cut do not count in the means and averages");
            CrossLingualOutput.writeOffset(output, report.layers(), inputs);
            if (translations != null) {
                CrossLingualOutput.writeTranslations(translations, report.translations(), inputs);
            }
            if (decoded != null) {
                CrossLingualOutput.writeDecoded(decoded, report.decoded(), inputs);
            }
            final var out = spec.commandLine().getOut();
            for (final LanguageOffset.LayerResult l : report.layers()) {
                out.printf("layer %d offset norm %.3f means cosine %.3f", l.layer(), l.offsetNorm(), l.meanCosine());
                if (l.evaluated() > 0) {
                    out.printf("  acc@1 %.3f -> %.3f  mrr %.4f -> %.4f (without -> with offset, %d words)",
                        l.accuracyAt1Without(), l.accuracyAt1With(), l.mrrWithout(), l.mrrWith(), l.evaluated());
                }
                out.println();
            }
            if (!report.decodeNote().isEmpty()) {
                spec.commandLine().getErr().println("bertlab: note: " + report.decodeNote());
            }
        }
        return 0;
    }
}
