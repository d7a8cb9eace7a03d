package org.bertlab.core.train.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Mean and sample standard deviation over seeds, against values worked out by hand. */
class SeedSummaryTest {

    @Test
    void eachSeedThenMeanAndSampleStandardDeviation() {
        final SeedSummary s = new SeedSummary();
        // accuracies 0.5, 0.7, 0.9: mean 0.7, squared deviations 0.04 + 0 + 0.04 over n - 1 = 2, sd 0.2
        s.add(List.of("pretrained"), 11, 0.5, Double.NaN);
        s.add(List.of("random"), 11, 1.0, 2.0);
        s.add(List.of("pretrained"), 12, 0.7, Double.NaN);
        s.add(List.of("pretrained"), 13, 0.9, Double.NaN);
        s.add(List.of("random"), 12, 3.0, 2.0);
        assertEquals(List.of(List.of("pretrained", "11", "0.500", ""), List.of("pretrained", "12", "0.700", ""),
            List.of("pretrained", "13", "0.900", ""), List.of("pretrained", "mean", "0.700", ""),
            List.of("pretrained", "sd", "0.200", ""), List.of("random", "11", "1.000", "2.000"),
            List.of("random", "12", "3.000", "2.000"), List.of("random", "mean", "2.000", "2.000"),
            // 1 and 3: mean 2, (1 + 1) / 1 = 2, sd sqrt(2)
            List.of("random", "sd", "1.414", "0.000")), s.rows());
    }

    @Test
    void oneSeedGivesItsRowOnly() {
        final SeedSummary s = new SeedSummary();
        s.add(List.of("a", "b"), 7, 0.25);
        assertEquals(List.of(List.of("a", "b", "7", "0.250")), s.rows());
    }
}
