package org.bertlab.cli.bench;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;

import org.bertlab.core.align.BilingualDictionary;
import org.bertlab.core.align.DemoData;
import org.bertlab.core.align.DictionaryMrr.LayerResult;
import org.bertlab.core.align.DictionaryMrr;
import org.bertlab.core.align.MrrOptions;
import org.bertlab.core.encoder.LayerOutputs;
import org.bertlab.core.encoder.TokenBatch;
import org.bertlab.core.model.BertModel;
import org.bertlab.core.runtime.Progress;

/**
 * What a lower precision costs against fp32 on the same weights: per layer the cosine between each real token's
 * hidden states (over the benchmark's batches), and per layer and direction the dictionary MRR on the shipped
 * English–Chinese demo dictionary and corpora ({@link DemoData}, {@link MrrOptions#defaults()}).
 */
final class PrecisionAccuracy {

    /**
     * @param cosine the lowest per-layer mean token cosine (layers 1 to L; layer 0 has no matrix product)
     * @param mrrDelta the largest |MRR difference| over layers and directions
     */
    record Result(double cosine, double mrrDelta) {
    }

    private PrecisionAccuracy() {
    }

    static Result compare(final BertModel reference, final BertModel other, final List<TokenBatch.Padded> batches,
        final PrintWriter out) {
        final int[] layers = new int[reference.config().numLayers() + 1];
        Arrays.setAll(layers, i -> i);
        final double[] sum = new double[layers.length];
        final double[] lowest = new double[layers.length];
        Arrays.fill(lowest, 1);
        long tokens = 0;
        for (final TokenBatch.Padded batch : batches) {
            final LayerOutputs a = reference.runInference(batch, layers);
            final LayerOutputs b = other.runInference(batch, layers);
            for (int t = 0; t < batch.batch(); t++) {
                for (int i = 0; i < batch.length() && batch.attentionMask()[t * batch.length() + i] != 0; i++) {
                    for (int l = 0; l < layers.length; l++) {
                        final double c = cosine(a.states()[l], a.offset(t, i), b.states()[l], b.offset(t, i),
                            a.hidden());
                        sum[l] += c;
                        lowest[l] = Math.min(lowest[l], c);
                    }
                    tokens++;
                }
            }
        }
        out.printf("%s against %s, hidden states of %d real tokens:%n", other.inferenceName(),
            reference.inferenceName(), tokens);
        out.printf("%-6s %12s %14s%n", "layer", "mean cosine", "lowest cosine");
        double worstMean = 1;
        for (int l = 0; l < layers.length; l++) {
            out.printf("%-6d %12.5f %14.5f%n", l, sum[l] / tokens, lowest[l]);
            if (l > 0) {
                worstMean = Math.min(worstMean, sum[l] / tokens);
            }
        }
        final BilingualDictionary dictionary = DemoData.dictionary();
        final List<String> english = DemoData.englishCorpus();
        final List<String> chinese = DemoData.chineseCorpus();
        final List<LayerResult> a = DictionaryMrr.evaluate(reference, dictionary, english, chinese,
            MrrOptions.defaults(), Progress.NONE);
        final List<LayerResult> b = DictionaryMrr.evaluate(other, dictionary, english, chinese,
            MrrOptions.defaults(), Progress.NONE);
        out.printf("dictionary MRR, demo dictionary (%d pairs), %s:%n", dictionary.size(), MrrOptions.defaults());
        out.printf("%-6s %-10s %10s %10s %10s%n", "layer", "direction", reference.inferencePrecision().label(),
            other.inferencePrecision().label(), "difference");
        double delta = 0;
        for (int r = 0; r < a.size(); r++) {
            final double d = b.get(r).mrr() - a.get(r).mrr();
            out.printf("%-6d %-10s %10.4f %10.4f %+10.4f%n", a.get(r).layer(), a.get(r).direction().label(),
                a.get(r).mrr(), b.get(r).mrr(), d);
            delta = Math.max(delta, Math.abs(d));
        }
        out.flush();
        return new Result(worstMean, delta);
    }

    private static double cosine(final float[] x, final int xFrom, final float[] y, final int yFrom, final int n) {
        double dot = 0;
        double xx = 0;
        double yy = 0;
        for (int k = 0; k < n; k++) {
            dot += (double)x[xFrom + k] * y[yFrom + k];
            xx += (double)x[xFrom + k] * x[xFrom + k];
            yy += (double)y[yFrom + k] * y[yFrom + k];
        }
        return dot / Math.sqrt(xx * yy);
    }
}
