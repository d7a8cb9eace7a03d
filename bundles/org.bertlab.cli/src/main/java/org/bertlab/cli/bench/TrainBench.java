package org.bertlab.cli.bench;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;

import org.bertlab.core.encoder.BertConfig;
import org.bertlab.core.encoder.BertWeights;
import org.bertlab.core.model.BertModel;
import org.bertlab.core.model.EmbeddedModel;
import org.bertlab.core.model.LoadOptions;
import org.bertlab.core.model.TrainableModel;
import org.bertlab.core.runtime.DjlRuntime;
import org.bertlab.core.train.TrainingBenchmark;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Training speed: one sequence-classification step (forward, backward, AdamW on every weight, word embeddings
 * included) on the embedded model at batch 8 × 64 and 32 × 128, against the fp32 matmul peak measured in the same
 * process with a large PyTorch matmul. FLOPs per step follow Kaplan et al. (2020): 6 × non-embedding parameters ×
 * tokens, plus attention's score and context matmuls (2 × 2 × batch × length² × hidden per layer forward, three
 * times that with backward). Then whether bf16 can run at all ({@link Bf16Probe}).
 */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = "Training steps/s, tokens/s and FLOP/s against the measured matmul peak.")
final class TrainBench implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--warmup", defaultValue = "2", description = "Untimed steps per shape (default: 2).")
    int warmup;

    @Option(names = "--steps", defaultValue = "15", description = "Timed steps per shape; median (default: 15).")
    int steps;

    @Option(names = "--matmul", defaultValue = "2048", description = "Size n of the n×n peak matmul (default: 2048).")
    int matmul;

    @Override
    public Integer call() throws Exception {
        BenchChecks.range("--warmup", warmup, 0, 1000);
        BenchChecks.range("--steps", steps, 1, 10_000);
        BenchChecks.range("--matmul", matmul, 16, 16_384);
        final PrintWriter out = spec.commandLine().getOut();
        try (TrainableModel trainable = TrainableModel.of(EmbeddedModel.load(LoadOptions.DEFAULT))) {
            final BertModel model = trainable.model();
            final double peak = DjlRuntime.call(() -> {
                try (NDManager scratch = model.newBatchManager()) {
                    return Measure.matmulPeak(scratch, matmul);
                }
            });
            out.printf("fp32 matmul peak (%d×%d, best of 10): %s FLOP/s; %d cores%n", matmul, matmul,
                Measure.num(peak), Runtime.getRuntime().availableProcessors());
            final long nonEmbedding = nonEmbeddingParameters(model.parameters());
            out.printf("non-embedding parameters: %,d of %,d%n", nonEmbedding, model.parameters().count());
            out.printf("%-8s %10s %10s %12s %14s %10s%n", "shape", "step s", "steps/s", "tokens/s", "FLOP/s",
                "of peak");
            double[] last = null;
            for (final int[] shape : new int[][]{{8, 64}, {32, 128}}) {
                last = measure(trainable, shape[0], shape[1], nonEmbedding);
                out.printf("%-8s %10.3f %10.3f %12.0f %14s %9.1f%%%n", shape[0] + "×" + shape[1], last[0],
                    1 / last[0], last[1], Measure.num(last[2]), 100 * last[2] / peak);
                out.flush();
            }
            out.printf("bf16 probe (a child JVM: PyTorch through DJL, %d×%d matmul in fp32, then in bf16):%n",
                matmul, matmul);
            final Bf16Probe.Outcome probe = Bf16Probe.run(matmul);
            final double bf16 = probe.value("bf16");
            if (Double.isNaN(bf16)) {
                out.printf("  fp32 %s FLOP/s; bf16 not computed: the child ended with exit code %d, last output: %s%n",
                    Measure.num(probe.value("fp32")), probe.exitCode(), probe.lastLine());
            } else {
                out.printf("  fp32 %s FLOP/s, bf16 %s FLOP/s (%.2f×); bf16 training is not implemented%n",
                    Measure.num(probe.value("fp32")), Measure.num(bf16), bf16 / probe.value("fp32"));
            }
            // No bf16 training here (see docs/performance.md): its ratio and loss difference are "none".
            out.printf("train tokens_per_s=%s flops_per_s=%s peak_flops_per_s=%s fraction=%s ratio_bf16=none "
                + "loss_delta_bf16=none%n", Measure.num(last[1]), Measure.num(last[2]), Measure.num(peak),
                Measure.num(last[2] / peak));
        }
        return 0;
    }

    private static long nonEmbeddingParameters(final BertWeights parameters) {
        long n = 0;
        for (final Map.Entry<String, NDArray> e : parameters.entries()) {
            if (e.getKey().startsWith("encoder.")) {
                n += e.getValue().size();
            }
        }
        return n;
    }

    /**
     * {median step seconds, tokens/s, FLOP/s} of the engine's own training loop ({@link TrainingBenchmark}: the
     * classification steps Fine-Tune runs, with clipping and AdamW on every weight).
     */
    private double[] measure(final TrainableModel model, final int batch, final int length,
        final long nonEmbedding) {
        final BertConfig config = model.model().config();
        final TrainingBenchmark.Result result = new TrainingBenchmark(batch, length, warmup, steps).run(model, false);
        final long tokens = (long)batch * length;
        // Score and context matmuls: 2 × 2 × batch × length² × hidden per layer forward, three times that with backward.
        final double attention = 12.0 * config.numLayers() * batch * (double)length * length * config.hiddenSize();
        final double flops = 6.0 * nonEmbedding * tokens + attention;
        return new double[]{result.seconds(), tokens / result.seconds(), flops / result.seconds()};
    }
}
