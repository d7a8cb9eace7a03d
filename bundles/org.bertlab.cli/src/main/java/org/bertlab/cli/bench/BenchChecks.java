package org.bertlab.cli.bench;

/** Option ranges of the benchmarks, checked before a model is loaded: a typo must not run for an hour or crash. */
final class BenchChecks {

    private BenchChecks() {
    }

    /** @throws IllegalArgumentException naming the option and its range */
    static void range(final String option, final long value, final long min, final long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(option + " must lie in " + min + ".." + max + ", got " + value);
        }
    }

    /** Shortest and longest text in tokens: at least 1, at most what the embedded model takes (512 with specials). */
    static void tokens(final int minTokens, final int maxTokens) {
        range("--min-tokens", minTokens, 1, 510);
        range("--max-tokens", maxTokens, minTokens, 510);
    }
}
