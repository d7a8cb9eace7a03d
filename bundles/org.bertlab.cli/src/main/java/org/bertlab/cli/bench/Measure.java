package org.bertlab.cli.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/** Timing and memory helpers of the benchmarks. */
final class Measure {

    private Measure() {
    }

    /** Something timed; may throw. */
    interface Run {
        void run() throws Exception;
    }

    /**
     * Runs every contestant once per round, in order, {@code warmup} untimed rounds then {@code runs} timed ones,
     * and returns each contestant's median seconds (in the map's order). Interleaving spreads a slow spell of the
     * machine over all contestants instead of letting it fall on one.
     */
    static Map<String, Double> interleavedMedians(final int warmup, final int runs, final Map<String, Run> contestants)
        throws Exception {
        final Map<String, double[]> seconds = new LinkedHashMap<>();
        contestants.keySet().forEach(name -> seconds.put(name, new double[runs]));
        for (int round = -warmup; round < runs; round++) {
            for (final Map.Entry<String, Run> c : contestants.entrySet()) {
                final long start = System.nanoTime();
                c.getValue().run();
                if (round >= 0) {
                    seconds.get(c.getKey())[round] = (System.nanoTime() - start) / 1e9;
                }
            }
        }
        final Map<String, Double> medians = new LinkedHashMap<>();
        seconds.forEach((name, s) -> medians.put(name, median(s)));
        return medians;
    }

    /**
     * The fp32 matmul peak: the highest rate of 10 timed n×n PyTorch matmuls after 2 untimed ones (2n³ FLOPs each).
     * Call inside {@code DjlRuntime}.
     */
    static double matmulPeak(final NDManager parent, final int n) {
        return matmulPeak(parent, n, DataType.FLOAT32);
    }

    /** As {@link #matmulPeak(NDManager, int)}, in the given data type. */
    static double matmulPeak(final NDManager parent, final int n, final DataType type) {
        try (NDManager m = parent.newSubManager()) {
            final NDArray a = m.randomUniform(-1, 1, new Shape(n, n)).toType(type, false);
            final NDArray b = m.randomUniform(-1, 1, new Shape(n, n)).toType(type, false);
            double best = Double.MAX_VALUE;
            for (int i = 0; i < 12; i++) {
                final long start = System.nanoTime();
                try (NDArray c = a.matMul(b)) {
                    c.getFloat(0, 0); // waits for the result
                }
                if (i >= 2) {
                    best = Math.min(best, (System.nanoTime() - start) / 1e9);
                }
            }
            return 2.0 * n * n * (double)n / best;
        }
    }

    static double median(final double[] values) {
        final double[] sorted = values.clone();
        Arrays.sort(sorted);
        final int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** Resident memory now (VmRSS) in MB, from /proc/self/status; -1 where there is no /proc. */
    static double rssMb() {
        return procStatusMb("VmRSS:");
    }

    /** Peak resident memory of the process so far (VmHWM) in MB; -1 where there is no /proc. */
    static double peakRssMb() {
        return procStatusMb("VmHWM:");
    }

    private static double procStatusMb(final String key) {
        try {
            for (final String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(key)) {
                    final String[] parts = line.substring(key.length()).trim().split("\\s+");
                    return Long.parseLong(parts[0]) / 1024.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    static String num(final double value) {
        if (Math.abs(value) >= 1e6) {
            return String.format(Locale.ROOT, "%.4g", value);
        }
        return String.format(Locale.ROOT, Math.abs(value) >= 100 ? "%.0f" : "%.3f", value);
    }
}
