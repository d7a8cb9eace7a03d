package org.bertlab.core.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Token statistics of the independent-draw kinds on 10^6 tokens. */
class CorpusStatisticsTest {

    private static final int SEQUENCES = 10_000;
    private static final int LENGTH = 100;

    private static long[] counts(CorpusOptions options) {
        long[] counts = new long[options.vocabularySize()];
        CorpusGenerator.stream(options).forEach(s -> {
            for (int id : s.tokenIds()) {
                counts[id]++;
            }
        });
        assertEquals((long) SEQUENCES * LENGTH, Arrays.stream(counts).sum());
        return counts;
    }

    /**
     * Zipf's law is a straight line of slope -s in log frequency against log rank; the least-squares slope over
     * the top 100 ranks (each with hundreds of occurrences or more) estimates it.
     */
    @ParameterizedTest
    @ValueSource(doubles = {1.0, 1.5})
    void zipfRankFrequencySlopeMatchesTheExponent(double exponent) {
        long[] counts = counts(CorpusOptions.builder().kind(CorpusKind.ZIPF).zipfExponent(exponent)
                .vocabularySize(1000).count(SEQUENCES).length(LENGTH).seed(11).build());
        long[] byRank = Arrays.stream(counts).boxed().sorted((a, b) -> Long.compare(b, a)).mapToLong(Long::longValue)
                .toArray();
        int ranks = 100;
        double[] x = new double[ranks];
        double[] y = new double[ranks];
        for (int r = 1; r <= ranks; r++) {
            assertTrue(byRank[r - 1] >= 100, "rank " + r + " has only " + byRank[r - 1] + " occurrences");
            x[r - 1] = Math.log(r);
            y[r - 1] = Math.log(byRank[r - 1]);
        }
        assertEquals(-exponent, slope(x, y), 0.1);
        // id r-1 is rank r: id 0 is the most frequent and frequencies fall with the id
        assertEquals(byRank[0], counts[0]);
        assertTrue(counts[0] > counts[1] && counts[1] > counts[9] && counts[9] > counts[99]);
    }

    private static double slope(double[] x, double[] y) {
        double mx = Arrays.stream(x).average().orElseThrow();
        double my = Arrays.stream(y).average().orElseThrow();
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
        }
        return sxy / sxx;
    }

    /**
     * Pearson chi-square against the flat distribution with V - 1 = 99 degrees of freedom: it must lie between
     * the 0.001 and 0.999 quantiles (58.4 and 148.2), i.e. neither lumpy nor suspiciously regular.
     */
    @Test
    void uniformFrequenciesAreFlat() {
        int v = 100;
        long[] counts = counts(CorpusOptions.builder().kind(CorpusKind.UNIFORM).vocabularySize(v).count(SEQUENCES)
                .length(LENGTH).seed(12).build());
        double expected = (double) SEQUENCES * LENGTH / v;
        double chiSquare = Arrays.stream(counts).mapToDouble(c -> (c - expected) * (c - expected) / expected).sum();
        assertTrue(chiSquare > 58.4 && chiSquare < 148.2, "chi-square " + chiSquare);
    }

    @Test
    void unigramFrequenciesFollowTheWeights() {
        double[] weights = {5, 1, 0, 3, 1, 0.5, 9.5};
        double total = Arrays.stream(weights).sum();
        long[] counts = counts(CorpusOptions.builder().kind(CorpusKind.UNIGRAM).vocabularySize(weights.length)
                .unigramWeights(weights).count(SEQUENCES).length(LENGTH).seed(13).build());
        for (int id = 0; id < weights.length; id++) {
            double p = weights[id] / total;
            double observed = counts[id] / (double) (SEQUENCES * LENGTH);
            // 5 binomial standard deviations at n = 10^6
            double tolerance = 5 * Math.sqrt(p * (1 - p) / (SEQUENCES * LENGTH)) + 1e-9;
            assertEquals(p, observed, tolerance, "token " + id);
        }
        assertEquals(0, counts[2], "a zero-weight token never occurs");
    }
}
