package org.bertlab.core.corpus;

import java.util.SplittableRandom;

/**
 * Draws token ids from a fixed discrete distribution by inverting its cumulative weights (binary search, so
 * O(log V) per draw and independent of any hash ordering).
 */
final class DiscreteSampler {

    private final double[] cumulative;

    private DiscreteSampler(double[] weights) {
        cumulative = new double[weights.length];
        double sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += weights[i];
            cumulative[i] = sum;
        }
    }

    /** @param weights non-negative weights with a positive sum, one per token id */
    static DiscreteSampler ofWeights(double[] weights) {
        return new DiscreteSampler(weights);
    }

    /**
     * Zipf law: rank r = 1..V has weight r^-s and is token id r - 1.
     *
     * @param vocabularySize V
     * @param exponent s
     */
    static DiscreteSampler zipf(int vocabularySize, double exponent) {
        double[] weights = new double[vocabularySize];
        for (int rank = 1; rank <= vocabularySize; rank++) {
            weights[rank - 1] = Math.pow(rank, -exponent);
        }
        return new DiscreteSampler(weights);
    }

    /** @return a token id drawn with probability proportional to its weight */
    int sample(SplittableRandom random) {
        double u = random.nextDouble() * cumulative[cumulative.length - 1];
        // first index whose cumulative weight exceeds u; zero-weight ids are never chosen
        int lo = 0;
        int hi = cumulative.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] > u) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }
}
