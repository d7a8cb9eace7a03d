package org.bertlab.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.bertlab.core.corpus.CorpusKind;
import org.bertlab.core.corpus.CorpusOptions;
import org.bertlab.core.corpus.CorpusWriter;

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

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        final CorpusOptions.Builder b = CorpusOptions.builder().kind(CorpusKind.fromCommandLineName(kind))
            .vocabularySize(vocab).count(count).minLength(minLength).maxLength(maxLength).zipfExponent(zipfExponent)
            .shuffleN(shuffleN).maxDepth(maxDepth).dnaMotif(motif).seed(seed);
        if (weights != null) {
            b.unigramWeights(Files.readAllLines(weights, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank())
                .mapToDouble(l -> Double.parseDouble(l.strip())).toArray());
        }
        final CorpusOptions options = b.build();
        final Path absolute = output.toAbsolutePath();
        Files.createDirectories(absolute.getParent());
        final Path part = Files.createTempFile(absolute.getParent(), "." + absolute.getFileName(), ".part");
        try {
            CorpusWriter.write(options, part);
            Files.move(part, absolute, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(part);
        }
        spec.commandLine().getOut().println("wrote " + options.count() + " " + options.kind() + " sequences to "
            + output);
        return 0;
    }
}
