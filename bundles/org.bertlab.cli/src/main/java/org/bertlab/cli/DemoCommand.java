package org.bertlab.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;

import org.bertlab.core.align.BilingualDictionary;
import org.bertlab.core.align.DemoData;
import org.bertlab.core.align.DictionaryMrr.LanguageVectors;
import org.bertlab.core.align.DictionaryMrr.LayerResult;
import org.bertlab.core.align.DictionaryMrr;
import org.bertlab.core.align.LanguageOffset;
import org.bertlab.core.align.MrrChart;
import org.bertlab.core.align.MrrOptions.Direction;
import org.bertlab.core.align.MrrOptions;
import org.bertlab.core.align.OffsetOptions;
import org.bertlab.core.model.BertModel;
import org.bertlab.core.runtime.Progress;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bertlab demo}: the cross-lingual demo on the shipped English–Chinese data. Contextual word vectors are
 * computed once and serve the MRR with and without centring and the language offset.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Cross-lingual demo on the shipped English-Chinese dictionary and corpora: MRR per layer with and "
        + "without centring, translation by the language offset, and an MRR chart.")
final class DemoCommand implements Callable<Integer> {

    /** Words whose translations are shown. */
    static final List<String> EXAMPLES = List.of("fish", "water", "cat", "mother", "red", "eat", "elephant",
        "tomorrow");

    @Mixin
    ModelOptions model;

    @Spec
    CommandSpec spec;

    @Option(names = "--output-dir", defaultValue = "bertlab-demo", paramLabel = "DIR",
        description = "Where the tables and the chart go (default: ./bertlab-demo).")
    Path outputDir;

    @Override
    public Integer call() throws Exception {
        final long start = System.nanoTime();
        final PrintWriter out = spec.commandLine().getOut();
        final BilingualDictionary dictionary = DemoData.dictionary();
        final List<String> english = DemoData.englishCorpus();
        final List<String> chinese = DemoData.chineseCorpus();
        final List<Path> inputs = Outputs.of(model.model);
        final Path dir = outputDir.toAbsolutePath();
        Outputs.check(inputs, dir.resolve("mrr.tsv"), dir.resolve("mrr-centred.tsv"), dir.resolve("ranks.tsv"),
            dir.resolve("offset.tsv"), dir.resolve("translations.tsv"), dir.resolve("mrr.png"));
        try (BertModel m = model.load()) {
            out.printf("Model: %s (%d layers, hidden %d)%n", m.source(), m.config().numLayers(),
                m.config().hiddenSize());
            out.printf("Data: %d English-Chinese pairs, %d English and %d Chinese sentences (shipped, CC0)%n%n",
                dictionary.size(), english.size(), chinese.size());
            final MrrOptions options = MrrOptions.defaults();
            final LanguageVectors vectors = DictionaryMrr.vectors(m, dictionary, english, chinese, options,
                Progress.NONE);
            final List<LayerResult> raw = DictionaryMrr.evaluate(vectors, dictionary, options);
            final List<LayerResult> centred = DictionaryMrr.evaluate(vectors, dictionary,
                options.toBuilder().centring(MrrOptions.Centring.CENTRED).build());
            printMrrTable(out, raw, centred);

            final LanguageOffset.Report offset = LanguageOffset.evaluate(vectors.source(), vectors.target(),
                dictionary, OffsetOptions.builder().topK(3).build());
            printOffset(out, offset);

            CrossLingualOutput.writeMrr(dir.resolve("mrr.tsv"), raw, inputs);
            CrossLingualOutput.writeMrr(dir.resolve("mrr-centred.tsv"), centred, inputs);
            final List<LayerResult> both = new ArrayList<>(raw);
            both.addAll(centred);
            CrossLingualOutput.writeRanks(dir.resolve("ranks.tsv"), both, inputs);
            CrossLingualOutput.writeOffset(dir.resolve("offset.tsv"), offset.layers(), inputs);
            CrossLingualOutput.writeTranslations(dir.resolve("translations.tsv"), offset.translations(), inputs);
            final Path chart = MrrChart.write(dir.resolve("mrr.png"),
                "English-Chinese dictionary MRR by layer, " + m.source(), both, inputs);
            CrossLingualOutput.printSkips(spec.commandLine().getErr(), raw);
            out.printf("%nWritten to %s: mrr.tsv, mrr-centred.tsv, ranks.tsv, offset.tsv, translations.tsv%n", dir);
            out.printf("Chart: %s%n", chart);
            out.printf("Finished in %.1f s%n", (System.nanoTime() - start) / 1e9);
        }
        return 0;
    }

    private static void printMrrTable(final PrintWriter out, final List<LayerResult> raw,
        final List<LayerResult> centred) {
        final LayerResult any = raw.get(0);
        out.printf("Dictionary MRR, contextual word vectors (%d pairs evaluated, %d candidates; random ranking "
            + "would give about %.3f)%n", any.evaluated(), any.candidates(),
            DictionaryMrr.randomBaseline(any.candidates()));
        out.println("layer  en->zh  en->zh centred  zh->en  zh->en centred  P@1 en->zh centred");
        for (final LayerResult r : raw) {
            if (r.direction() != Direction.SOURCE_TO_TARGET) {
                continue;
            }
            final LayerResult rc = find(centred, r.layer(), Direction.SOURCE_TO_TARGET);
            final LayerResult back = find(raw, r.layer(), Direction.TARGET_TO_SOURCE);
            final LayerResult backc = find(centred, r.layer(), Direction.TARGET_TO_SOURCE);
            out.printf("%5d  %6.4f  %14.4f  %6.4f  %14.4f  %18.3f%n", r.layer(), r.mrr(), rc.mrr(), back.mrr(),
                backc.mrr(), rc.pAt1());
        }
    }

    private static LayerResult find(final List<LayerResult> results, final int layer, final Direction direction) {
        return results.stream().filter(r -> r.layer() == layer && r.direction() == direction).findFirst()
            .orElseThrow();
    }

    private static void printOffset(final PrintWriter out, final LanguageOffset.Report report) {
        out.println();
        out.println("Language offset: English word + (mean Chinese vector - mean English vector) -> nearest Chinese "
            + "word");
        out.println("layer  offset norm  acc@1 without  acc@1 with  MRR without  MRR with");
        for (final LanguageOffset.LayerResult l : report.layers()) {
            out.printf("%5d  %11.3f  %13.3f  %10.3f  %11.4f  %8.4f%n", l.layer(), l.offsetNorm(),
                l.accuracyAt1Without(), l.accuracyAt1With(), l.mrrWithout(), l.mrrWith());
        }
        final int best = report.layers().stream().max(Comparator.comparingDouble(
            LanguageOffset.LayerResult::mrrWith)).orElseThrow().layer();
        out.printf("%nTranslations at layer %d (top 3; without offset | with offset):%n", best);
        for (final LanguageOffset.Translation t : report.translations()) {
            if (t.layer() == best && EXAMPLES.contains(t.source())) {
                out.printf("  %-9s -> %-12s | %-12s (correct: %s)%n", t.source(), String.join(" ",
                    t.withoutOffset()), String.join(" ", t.withOffset()), String.join(" ", t.correct()));
            }
        }
    }
}
