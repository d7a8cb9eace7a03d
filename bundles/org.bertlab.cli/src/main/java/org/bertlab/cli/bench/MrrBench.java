package org.bertlab.cli.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.bertlab.core.align.BilingualDictionary;
import org.bertlab.core.align.DictionaryMrr;
import org.bertlab.core.align.MrrOptions;
import org.bertlab.core.embed.Progress;
import org.bertlab.core.model.BertModel;
import org.bertlab.core.model.EmbeddedModel;
import org.bertlab.core.model.LoadOptions;
import org.bertlab.core.runtime.DjlRuntime;

/**
 * Benchmark, not a test: dictionary MRR over a synthetic 5,000-pair dictionary, every layer, both directions, on
 * the embedded model. Sources are 5,000 CJK characters of the vocabulary, targets 5,000 distinct two-character
 * words made of other characters (the pairs mean nothing; the work is what a real dictionary of that size costs).
 * Words are encoded in isolation, since no corpus covers synthetic words. Prints
 * {@code mrr pairs=… layers=… seconds=… peak_rss_mb=…}; arguments: [pairs] [mode].
 */
public final class MrrBench {

    private MrrBench() {
    }

    public static void main(final String[] args) throws Exception {
        DjlRuntime.configureOffline();
        final int pairs = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        final MrrOptions.Mode mode = args.length > 1 ? MrrOptions.Mode.parse(args[1]) : MrrOptions.Mode.ISOLATED;
        try (BertModel model = EmbeddedModel.load(LoadOptions.DEFAULT)) {
            final List<String> cjk = new ArrayList<>();
            for (final String token : model.tokenizer().vocabulary()) {
                if (token != null && token.length() == 1 && Character.UnicodeScript.of(token.charAt(0))
                    == Character.UnicodeScript.HAN) {
                    cjk.add(token);
                }
            }
            if (cjk.size() < pairs + 200) {
                throw new IllegalStateException("Only " + cjk.size() + " CJK characters in the vocabulary.");
            }
            final List<BilingualDictionary.Pair> list = new ArrayList<>();
            final int pool = cjk.size() - pairs;
            for (int i = 0; i < pairs; i++) {
                final String a = cjk.get(pairs + (i % pool));
                final String b = cjk.get(pairs + ((i / pool + 1 + i * 7) % pool));
                list.add(new BilingualDictionary.Pair(cjk.get(i), a + b + (a.equals(b) ? "的" : ""), 0));
            }
            final BilingualDictionary dictionary = BilingualDictionary.of(list);
            final MrrOptions options = MrrOptions.builder().mode(mode).batchSize(64).build();
            final long start = System.nanoTime();
            final List<DictionaryMrr.LayerResult> results = DictionaryMrr.evaluate(model, dictionary, null, null,
                options, Progress.NONE);
            final double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("mrr pairs=%d layers=%d directions=2 mode=%s candidates=%d seconds=%.1f "
                + "peak_rss_mb=%d%n", dictionary.size(), options.resolveLayers(model.config()).length,
                MrrOptions.commandLineName(mode), results.get(0).candidates(), seconds, peakRssMb());
        }
    }

    /** VmHWM of /proc/self/status (peak resident set), or -1 where it cannot be read. */
    static long peakRssMb() {
        try {
            for (final String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: no figure
        }
        return -1;
    }
}
