package org.bertlab.core.align;

import org.bertlab.core.runtime.DjlRuntime;
import org.bertlab.core.runtime.ParallelRows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Cosine similarities of many queries against many candidates, as a matrix product of the row-normalised query
 * block and the row-normalised candidate matrix transposed. Small problems are computed in plain Java (exact,
 * double accumulation, so hand-computed examples rank as on paper); large ones (5,000 × 5,000 × 512 is about
 * 10^10 multiply-adds per layer) go to DJL's matrix product in blocks of rows, which is 20–50 times faster on a CPU.
 */
final class CosineRanking {

    /** Multiply-adds above which DJL computes the product. */
    static final long NATIVE_THRESHOLD = 20_000_000L;

    private static final int BLOCK_ROWS = 1024;

    /** Receives the similarities of one query to every candidate; called from several threads for different rows. */
    interface RowConsumer {
        void row(int query, float[] similarities);
    }

    private CosineRanking() {
    }

    /** Calls {@code consumer} once per query row with its cosine to every candidate (0 against a zero vector). */
    static void similarities(final float[][] queries, final float[][] candidates, final RowConsumer consumer) {
        if (queries.length == 0 || candidates.length == 0) {
            return;
        }
        final int dim = candidates[0].length;
        final float[][] q = normalised(queries);
        final float[][] c = normalised(candidates);
        if ((long)queries.length * candidates.length * dim < NATIVE_THRESHOLD) {
            ParallelRows.forEach(0, q.length, i -> {
                final float[] sims = new float[c.length];
                for (int j = 0; j < c.length; j++) {
                    double dot = 0;
                    for (int d = 0; d < dim; d++) {
                        dot += (double)q[i][d] * c[j][d];
                    }
                    sims[j] = (float)dot;
                }
                consumer.row(i, sims);
            });
            return;
        }
        DjlRuntime.run(() -> {
            try (NDManager manager = NDManager.newBaseManager(DjlRuntime.ENGINE)) {
                final NDArray cT = manager.create(flatten(c, 0, c.length), new Shape(c.length, dim)).transpose();
                for (int start = 0; start < q.length; start += BLOCK_ROWS) {
                    final int end = Math.min(q.length, start + BLOCK_ROWS);
                    final float[] block;
                    try (NDManager blockManager = manager.newSubManager()) {
                        final NDArray qb = blockManager.create(flatten(q, start, end), new Shape(end - start, dim));
                        block = qb.dot(cT).toFloatArray();
                    }
                    final int offset = start;
                    ParallelRows.forEach(start, end, i -> {
                        final float[] sims = new float[c.length];
                        System.arraycopy(block, (i - offset) * c.length, sims, 0, c.length);
                        consumer.row(i, sims);
                    });
                }
            }
        });
    }

    /** 1 + the number of candidates strictly more similar than candidate {@code gold}. */
    static int rank(final float[] similarities, final int gold) {
        final float s = similarities[gold];
        int rank = 1;
        for (final float x : similarities) {
            if (x > s) {
                rank++;
            }
        }
        return rank;
    }

    /** Indices of the k most similar candidates, most similar first; ties go to the lower index. */
    static int[] topK(final float[] similarities, final int k) {
        final int n = Math.min(k, similarities.length);
        final int[] best = new int[n];
        int size = 0;
        for (int j = 0; j < similarities.length; j++) {
            if (size == n && !(similarities[j] > similarities[best[n - 1]])) {
                continue;
            }
            int pos = size < n ? size++ : n - 1;
            while (pos > 0 && similarities[j] > similarities[best[pos - 1]]) {
                best[pos] = best[pos - 1];
                pos--;
            }
            best[pos] = j;
        }
        return best;
    }

    static float[][] normalised(final float[][] rows) {
        final float[][] out = new float[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            double norm = 0;
            for (final float x : rows[i]) {
                norm += (double)x * x;
            }
            norm = Math.sqrt(norm);
            out[i] = new float[rows[i].length];
            if (norm > 0) {
                for (int d = 0; d < rows[i].length; d++) {
                    out[i][d] = (float)(rows[i][d] / norm);
                }
            }
        }
        return out;
    }

    static float[] minus(final float[] a, final float[] b) {
        final float[] out = new float[a.length];
        for (int d = 0; d < a.length; d++) {
            out[d] = a[d] - b[d];
        }
        return out;
    }

    static float[] plus(final float[] a, final float[] b) {
        final float[] out = new float[a.length];
        for (int d = 0; d < a.length; d++) {
            out[d] = a[d] + b[d];
        }
        return out;
    }

    static double norm(final float[] a) {
        double s = 0;
        for (final float x : a) {
            s += (double)x * x;
        }
        return Math.sqrt(s);
    }

    private static float[] flatten(final float[][] rows, final int start, final int end) {
        final int dim = rows[start].length;
        final float[] flat = new float[(end - start) * dim];
        for (int i = start; i < end; i++) {
            System.arraycopy(rows[i], 0, flat, (i - start) * dim, dim);
        }
        return flat;
    }
}
