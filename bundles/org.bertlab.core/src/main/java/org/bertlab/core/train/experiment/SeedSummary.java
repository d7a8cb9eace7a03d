package org.bertlab.core.train.experiment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rows of an experiment run over several seeds: each seed's row, then per configuration the mean and the sample
 * standard deviation (n - 1 in the denominator) of every numeric column, so a difference between configurations can
 * be told from the spread between seeds. A blank cell (a metric that does not apply) stays blank.
 */
final class SeedSummary {

    private final Map<List<String>, List<double[]>> runs = new LinkedHashMap<>();

    private final Map<List<String>, List<Long>> seeds = new LinkedHashMap<>();

    /**
     * @param configuration the label cells of the row (e.g. model, mapping)
     * @param seed the run's seed
     * @param values the numbers (NaN: not applicable)
     */
    void add(final List<String> configuration, final long seed, final double... values) {
        runs.computeIfAbsent(List.copyOf(configuration), k -> new ArrayList<>()).add(values.clone());
        seeds.computeIfAbsent(List.copyOf(configuration), k -> new ArrayList<>()).add(seed);
    }

    /** Seed rows of every configuration, each followed by its mean and sd rows when it has more than one seed. */
    List<List<String>> rows() {
        final List<List<String>> rows = new ArrayList<>();
        for (final Map.Entry<List<String>, List<double[]>> e : runs.entrySet()) {
            final List<double[]> values = e.getValue();
            for (int i = 0; i < values.size(); i++) {
                rows.add(row(e.getKey(), String.valueOf(seeds.get(e.getKey()).get(i)), values.get(i)));
            }
            if (values.size() > 1) {
                rows.add(row(e.getKey(), "mean", mean(values)));
                rows.add(row(e.getKey(), "sd", sd(values)));
            }
        }
        return rows;
    }

    static double[] mean(final List<double[]> values) {
        final double[] mean = new double[values.get(0).length];
        for (final double[] v : values) {
            for (int c = 0; c < mean.length; c++) {
                mean[c] += v[c] / values.size();
            }
        }
        return mean;
    }

    static double[] sd(final List<double[]> values) {
        final double[] mean = mean(values);
        final double[] sd = new double[mean.length];
        for (final double[] v : values) {
            for (int c = 0; c < sd.length; c++) {
                sd[c] += (v[c] - mean[c]) * (v[c] - mean[c]) / (values.size() - 1);
            }
        }
        for (int c = 0; c < sd.length; c++) {
            sd[c] = Math.sqrt(sd[c]);
        }
        return sd;
    }

    private static List<String> row(final List<String> labels, final String seed, final double[] values) {
        final List<String> row = new ArrayList<>(labels);
        row.add(seed);
        for (final double v : values) {
            row.add(ExperimentReport.f(v));
        }
        return row;
    }
}
