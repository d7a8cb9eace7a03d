package org.bertlab.cli.bench;

import java.io.PrintWriter;
import java.util.Iterator;
import java.util.concurrent.Callable;

import org.bertlab.core.embed.EmbeddingOptions;
import org.bertlab.core.embed.Pooling;
import org.bertlab.core.embed.TextInput;
import org.bertlab.core.embed.TokenEmbedder;
import org.bertlab.core.model.BertModel;
import org.bertlab.core.model.EmbeddedModel;
import org.bertlab.core.model.LoadOptions;
import org.bertlab.core.runtime.Progress;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Streaming memory: embeds generated texts one window at a time (every layer, mean-pooled, results discarded) and
 * reports the process's resident memory; a streaming embedder must stay flat between 10,000 and 100,000 texts.
 */
@Command(name = "memory", mixinStandardHelpOptions = true,
    description = "Resident memory while streaming texts through the embedder.")
final class MemoryBench implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--texts", defaultValue = "100000", description = "Texts to embed (default: 100000).")
    long texts;

    @Option(names = "--min-tokens", defaultValue = "5", description = "Shortest text in tokens (default: 5).")
    int minTokens;

    @Option(names = "--max-tokens", defaultValue = "40", description = "Longest text in tokens (default: 40).")
    int maxTokens;

    @Override
    public Integer call() throws Exception {
        BenchChecks.range("--texts", texts, 1, 100_000_000);
        BenchChecks.tokens(minTokens, maxTokens);
        final PrintWriter out = spec.commandLine().getOut();
        try (BertModel model = EmbeddedModel.load(LoadOptions.DEFAULT)) {
            final TokenEmbedder embedder = new TokenEmbedder(model, EmbeddingOptions.builder().pooling(Pooling.MEAN)
                .build());
            final Iterator<String> corpus = new BenchCorpus(model.tokenizer()).stream(texts, minTokens, maxTokens,
                42);
            final double[] at10k = {-1, -1};
            final long start = System.nanoTime();
            out.printf("%-10s %10s %10s %10s%n", "texts", "seconds", "RSS MB", "peak MB");
            final long step = Math.max(1, texts / 10);
            embedder.embedPooled(new Iterator<TextInput>() {
                @Override
                public boolean hasNext() {
                    return corpus.hasNext();
                }

                @Override
                public TextInput next() {
                    return TextInput.of(corpus.next());
                }
            }, v -> { }, new Progress() {
                private long next = step;

                @Override
                public void report(final long done) {
                    if (done >= 10_000 && at10k[0] < 0) {
                        at10k[0] = Measure.rssMb();
                        at10k[1] = Measure.peakRssMb();
                    }
                    if (done >= next || done == texts) {
                        out.printf("%-10d %10.1f %10.0f %10.0f%n", done, (System.nanoTime() - start) / 1e9,
                            Measure.rssMb(), Measure.peakRssMb());
                        out.flush();
                        next = done + step;
                    }
                }

                @Override
                public void checkCancelled() {
                }
            });
            out.printf("memory rss_mb_10k=%.0f rss_mb_100k=%.0f%n", at10k[0], Measure.rssMb());
            out.printf("(peak RSS: %.0f MB at 10k, %.0f MB at the end)%n", at10k[1], Measure.peakRssMb());
        }
        return 0;
    }
}
