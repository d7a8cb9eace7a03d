package org.bertlab.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.apache.commons.lang3.StringUtils;
import org.bertlab.core.corpus.CorpusGenerator;
import org.bertlab.core.corpus.CorpusKind;
import org.bertlab.core.corpus.CorpusOptions;
import org.bertlab.core.corpus.CorpusWriter;
import org.bertlab.core.io.TextLines;
import org.bertlab.core.runtime.Progress;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bertlab corpus}: the engine's artificial corpus generator (Chiang &amp; Lee 2020, 2022). */
@Command(name = "corpus", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Write a seeded artificial corpus: one sequence per line, token ids separated by single spaces "
        + "(dna: label<TAB>sequence). The same options and seed give the same file on any machine.",
        "Kinds: uniform, zipf, unigram (--weights), flat-pairs (every token twice, shuffled), flat-2 (a a b b), "
            + "nested (pairs nest like brackets), shuffle (runs of N consecutive ids shuffled), dna (A/C/G/T with a "
            + "planted motif iff label 1)."})
final class CorpusCommand implements Callable<Integer> {

    @Option(names = "--kind", required = true, paramLabel = "KIND", description = "uniform|zipf|unigram|flat-pairs|"
        + "flat-2|nested|shuffle|dna.")
    String kind;

    @Option(names = "--vocab", paramLabel = "N", defaultValue = "" + CorpusOptions.DEFAULT_VOCABULARY_SIZE,
        description = "Token ids 0..N-1 (not used by dna) (default: ${DEFAULT-VALUE}).")
    int vocab;

    @Option(names = "--count", paramLabel = "N", defaultValue = "" + CorpusOptions.DEFAULT_COUNT,
        description = "Number of sequences (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--min-length", paramLabel = "N", defaultValue = "" + CorpusOptions.DEFAULT_MIN_LENGTH,
        description = "Shortest sequence (default: ${DEFAULT-VALUE}).")
    int minLength;

    @Option(names = "--max-length", paramLabel = "N", defaultValue = "" + CorpusOptions.DEFAULT_MAX_LENGTH,
        description = "Longest sequence, inclusive (default: ${DEFAULT-VALUE}).")
    int maxLength;

    @Option(names = "--zipf-exponent", paramLabel = "S", defaultValue = "" + CorpusOptions.DEFAULT_ZIPF_EXPONENT,
        description = "zipf: rank r has probability ∝ r^-S (default: ${DEFAULT-VALUE}).")
    double zipfExponent;

    @Option(names = "--shuffle-n", paramLabel = "N", defaultValue = "" + CorpusOptions.DEFAULT_SHUFFLE_N,
        description = "shuffle: run length (default: ${DEFAULT-VALUE}).")
    int shuffleN;

    @Option(names = "--max-depth", paramLabel = "N", defaultValue = "" + CorpusOptions.DEFAULT_MAX_DEPTH,
        description = "nested: deepest nesting (default: ${DEFAULT-VALUE}).")
    int maxDepth;

    @Option(names = "--weights", paramLabel = "FILE", description = "unigram: one non-negative weight per line, "
        + "line i for token id i-1.")
    Path weights;

    @Option(names = "--motif", paramLabel = "ACGT", defaultValue = CorpusOptions.DEFAULT_DNA_MOTIF,
        description = "dna: the planted motif (default: ${DEFAULT-VALUE}).")
    String motif;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "" + CorpusOptions.DEFAULT_SEED,
        description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--output", required = true, paramLabel = "FILE", description = "File to write.")
    Path output;

    @Option(names = "--force", description = "Write even when the estimated size is over "
        + (LIMIT_BYTES >> 30) + " GiB or over the free space of the output's disk.")
    boolean force;

    @Spec
    CommandSpec spec;

    /** Larger corpora need --force: a mistyped --count should not fill the disk. */
    static final long LIMIT_BYTES = 2L << 30;

    @Override
    public Integer call() throws Exception {
        final CorpusOptions.Builder b = CorpusOptions.builder().kind(CorpusKind.fromCommandLineName(kind))
            .vocabularySize(vocab).count(count).minLength(minLength).maxLength(maxLength).zipfExponent(zipfExponent)
            .shuffleN(shuffleN).maxDepth(maxDepth).dnaMotif(motif).seed(seed);
        if (weights != null) {
            b.unigramWeights(readWeights(weights));
        }
        final CorpusOptions options = b.build();
        final List<Path> inputs = Outputs.of(weights);
        Outputs.check(inputs, output);
        checkSize(options.estimatedBytes());
        CorpusWriter.write(new CorpusGenerator(options), output, inputs, Progress.NONE);
        spec.commandLine().getOut().println("wrote " + options.count() + " " + options.kind() + " sequences to "
            + output);
        return 0;
    }

    /** One non-negative weight per line; a bad line is named. */
    static double[] readWeights(final Path file) throws IOException {
        final List<String> lines = TextLines.readAll(file);
        final double[] values = new double[lines.size()];
        int n = 0;
        for (int i = 0; i < lines.size(); i++) {
            final String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            try {
                values[n++] = Double.parseDouble(line);
            } catch (NumberFormatException e) {
                throw new IOException(file + ", line " + (i + 1) + ": '" + StringUtils.abbreviate(line, 40)
                    + "' is not a number; give one non-negative weight per line.", e);
            }
        }
        return Arrays.copyOf(values, n);
    }

    private void checkSize(final long estimate) throws IOException {
        if (force) {
            return;
        }
        final Path folder = output.toAbsolutePath().getParent();
        Path existing = folder;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        final long free = existing == null ? Long.MAX_VALUE : Files.getFileStore(existing).getUsableSpace();
        if (estimate > LIMIT_BYTES || estimate > free) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "the corpus would take about %.1f GB "
                + "(%d sequences), over the %s; lower --count or --max-length, or add --force to write it anyway.",
                estimate / 1e9, count, estimate > free ? String.format(Locale.ROOT, "%.1f GB free on the disk of %s",
                    free / 1e9, folder) : (LIMIT_BYTES >> 30) + " GiB limit"));
        }
    }
}
