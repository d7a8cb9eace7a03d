package org.bertlab.cli.bench;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;

import org.bertlab.core.align.BilingualDictionary;
import org.bertlab.core.align.DictionaryMrr;
import org.bertlab.core.align.MrrOptions;
import org.bertlab.core.model.BertModel;
import org.bertlab.core.model.EmbeddedModel;
import org.bertlab.core.model.LoadOptions;
import org.bertlab.core.runtime.Progress;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Dictionary MRR at scale: a generated dictionary of distinct English compounds (two vocabulary words, e.g.
 * "riverstone") and Chinese two-character words, with an English and a Chinese corpus in which every dictionary word
 * occurs a few times; contextual vectors averaged over the corpus, every layer, both directions (the defaults of
 * {@code bertlab mrr}). Reports seconds (model loading excluded) and the process's peak RSS.
 */
@Command(name = "mrr", mixinStandardHelpOptions = true,
    description = "Dictionary MRR time and peak memory on generated pairs and corpora.")
final class MrrBenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--pairs", defaultValue = "5000", description = "Dictionary pairs (default: 5000).")
    int pairs;

    @Option(names = "--occurrences", defaultValue = "3", description = "Occurrences of each word in its corpus "
        + "(default: 3).")
    int occurrences;

    @Option(names = "--words-per-sentence", defaultValue = "12", description = "Words per corpus sentence "
        + "(default: 12).")
    int wordsPerSentence;

    @Override
    public Integer call() throws Exception {
        BenchChecks.range("--pairs", pairs, 1, 1_000_000);
        BenchChecks.range("--occurrences", occurrences, 1, 1000);
        BenchChecks.range("--words-per-sentence", wordsPerSentence, 1, 200);
        final PrintWriter out = spec.commandLine().getOut();
        try (BertModel model = EmbeddedModel.load(LoadOptions.DEFAULT)) {
            final BenchCorpus vocabulary = new BenchCorpus(model.tokenizer());
            final SplittableRandom random = new SplittableRandom(42);
            final List<String> english = distinct(pairs, random, () -> pick(vocabulary.englishWords(), random)
                + pick(vocabulary.englishWords(), random));
            final List<String> chinese = distinct(pairs, random, () -> pick(vocabulary.chineseCharacters(), random)
                + pick(vocabulary.chineseCharacters(), random));
            final List<BilingualDictionary.Pair> list = new ArrayList<>(pairs);
            for (int i = 0; i < pairs; i++) {
                list.add(new BilingualDictionary.Pair(english.get(i), chinese.get(i), i + 1));
            }
            final BilingualDictionary dictionary = BilingualDictionary.of(list);
            final List<String> englishCorpus = sentences(english, " ", random);
            final List<String> chineseCorpus = sentences(chinese, "", random);
            final MrrOptions options = MrrOptions.defaults();
            final int layers = options.resolveLayers(model.config()).length;
            out.printf("%d pairs, corpora of %d + %d sentences (%d words each), %d layers, contextual, both "
                + "directions; %d cores%n", pairs, englishCorpus.size(), chineseCorpus.size(), wordsPerSentence,
                layers, Runtime.getRuntime().availableProcessors());
            final long start = System.nanoTime();
            final List<DictionaryMrr.LayerResult> results = DictionaryMrr.evaluate(model, dictionary,
                englishCorpus, chineseCorpus, options, Progress.NONE);
            final double seconds = (System.nanoTime() - start) / 1e9;
            for (final DictionaryMrr.LayerResult r : results) {
                out.printf("layer %d %-16s MRR %.4f%n", r.layer(), r.direction().label(), r.mrr());
            }
            out.printf("mrr pairs=%d layers=%d seconds=%.1f peak_rss_mb=%.0f%n", pairs, layers, seconds,
                Measure.peakRssMb());
        }
        return 0;
    }

    private static String pick(final List<String> from, final SplittableRandom random) {
        return from.get(random.nextInt(from.size()));
    }

    private static List<String> distinct(final int count, final SplittableRandom random,
        final java.util.function.Supplier<String> make) {
        final Set<String> words = new LinkedHashSet<>();
        while (words.size() < count) {
            words.add(make.get());
        }
        return new ArrayList<>(words);
    }

    /** Every word {@code occurrences} times, shuffled, cut into sentences. */
    private List<String> sentences(final List<String> words, final String separator, final SplittableRandom random) {
        final List<String> tokens = new ArrayList<>(words.size() * occurrences);
        for (int i = 0; i < occurrences; i++) {
            tokens.addAll(words);
        }
        for (int i = tokens.size() - 1; i > 0; i--) {
            final int j = random.nextInt(i + 1);
            final String t = tokens.get(i);
            tokens.set(i, tokens.get(j));
            tokens.set(j, t);
        }
        final List<String> sentences = new ArrayList<>();
        for (int from = 0; from < tokens.size(); from += wordsPerSentence) {
            sentences.add(String.join(separator, tokens.subList(from, Math.min(tokens.size(), from + wordsPerSentence))));
        }
        return sentences;
    }
}
