package org.bertlab.cli.bench;

import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.bertlab.core.embed.EmbeddingOptions;
import org.bertlab.core.embed.Pooling;
import org.bertlab.core.embed.TextInput;
import org.bertlab.core.embed.TokenEmbedder;
import org.bertlab.core.encoder.InferenceBackend;
import org.bertlab.core.encoder.LengthBatches;
import org.bertlab.core.encoder.TokenBatch;
import org.bertlab.core.model.BertModel;
import org.bertlab.core.model.EmbeddedModel;
import org.bertlab.core.model.InferenceBackends;
import org.bertlab.core.model.LoadOptions;
import org.bertlab.core.ort.OrtInference;
import org.bertlab.core.runtime.DjlRuntime;
import org.bertlab.core.runtime.Progress;
import org.bertlab.core.tokenize.TokenizedText;

import ai.djl.ndarray.NDManager;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Embedding throughput in real tokens per second (padding excluded, [CLS]/[SEP] counted) on a mixed-length
 * English/Chinese corpus: the engine end to end (tokenising, length batching, encoder, mean pooling) in fp32 and in
 * int8 against ONNX Runtime on the same .onnx bytes, fed either exactly the engine's batches or fixed-size batches
 * in input order padded to their longest text. ONNX Runtime is timed with 1 and 2 intra-op threads and its best is
 * compared. Every contestant runs once per round, rounds after one another, so that a slow spell of the machine hits
 * all of them alike; each is reported by its median over the rounds. The fp32 matmul peak is measured in every round
 * as well, and the engine's FLOP/s ({@link EncoderFlops}) are given as a fraction of it. Finally int8's accuracy
 * against fp32 ({@link PrecisionAccuracy}).
 */
@Command(name = "embed", mixinStandardHelpOptions = true,
    description = "Embedding tokens/s: the engine in fp32 and int8 against ONNX Runtime on the same weights, "
        + "FLOP/s against the fp32 matmul peak, and int8's accuracy against fp32.")
final class EmbedBench implements Callable<Integer> {

    private static final String SAME = "ONNX Runtime, engine batches, ";

    private static final String NAIVE = "ONNX Runtime, input-order batches, ";

    private static final String THREADS = " intra-op thread(s)";

    private static final String PEAK = "fp32 matmul peak";

    @Spec
    CommandSpec spec;

    @Option(names = "--texts", defaultValue = "512", description = "Texts in the corpus (default: 512).")
    int texts;

    @Option(names = "--min-tokens", defaultValue = "5", description = "Shortest text in tokens (default: 5).")
    int minTokens;

    @Option(names = "--max-tokens", defaultValue = "200", description = "Longest text in tokens (default: 200).")
    int maxTokens;

    @Option(names = "--batch", defaultValue = "32", description = "Texts per batch (default: 32).")
    int batch;

    @Option(names = "--warmup", defaultValue = "1", description = "Untimed rounds (default: 1).")
    int warmup;

    @Option(names = "--runs", defaultValue = "3", description = "Timed rounds; medians are reported (default: 3).")
    int runs;

    @Option(names = "--all-layers", description = "Also time the engine returning every layer pooled.")
    boolean allLayers;

    @Option(names = "--baselines", negatable = true, defaultValue = "true", fallbackValue = "true",
        description = "Time PyTorch and ONNX Runtime on the transformers export too (default: on; --no-baselines "
            + "times only the engine in fp32 and int8).")
    boolean baselines;

    @Option(names = "--matmul", defaultValue = "2048",
        description = "Size n of the n×n fp32 matmul whose rate is the peak (default: 2048).")
    int matmul;

    @Override
    public Integer call() throws Exception {
        BenchChecks.range("--texts", texts, 1, 1_000_000);
        BenchChecks.tokens(minTokens, maxTokens);
        BenchChecks.range("--batch", batch, 1, 4096);
        BenchChecks.range("--warmup", warmup, 0, 100);
        BenchChecks.range("--runs", runs, 1, 100);
        final PrintWriter out = spec.commandLine().getOut();
        try (BertModel model = EmbeddedModel.load(LoadOptions.DEFAULT);
            BertModel int8 = EmbeddedModel.load(LoadOptions.DEFAULT.withPrecision("int8"))) {
            final List<String> corpus = new BenchCorpus(model.tokenizer()).texts(texts, minTokens, maxTokens, 42);
            final List<TokenizedText> encoded = model.tokenizer().encodeAll(corpus);
            final long tokens = encoded.stream().mapToLong(TokenizedText::length).sum();
            final int top = model.config().numLayers();
            final List<TokenBatch.Padded> same = sameBatches(encoded, model.tokenizer().padId());
            final List<TokenBatch.Padded> naive = naiveBatches(encoded, model.tokenizer().padId());
            final double flops = EncoderFlops.of(model.config()).corpus(encoded);
            out.printf("corpus: %d texts, %d real tokens (%d-%d per text), batch %d; %d cores; padded tokens: "
                + "engine batches %d, naive batches %d%n", texts, tokens, minTokens, maxTokens, batch,
                Runtime.getRuntime().availableProcessors(), padded(same), padded(naive));
            out.printf("encoder FLOPs on the real tokens: %s (%s per token)%n", Measure.num(flops),
                Measure.num(flops / tokens));

            final String backend = model.inferenceName();
            final String int8Backend = int8.inferenceName();
            final byte[] onnx;
            try (InputStream in = EmbeddedModel.class.getResourceAsStream("/bge-small-zh-v1.5.onnx")) {
                onnx = in.readAllBytes();
            }
            final OrtEnvironment environment = OrtInference.environment();
            final int[] layers = {top};
            try (InferenceBackend torch = InferenceBackends.pytorch(model.config(), model.parameters());
                OrtSession ort1 = session(environment, onnx, 1);
                OrtSession ort2 = session(environment, onnx, 2)) {
                final String engineName = "engine embed, mean-pooled top layer (" + backend + ")";
                final String int8Name = "engine embed, mean-pooled top layer (" + int8Backend + ")";
                final Map<String, Measure.Run> contestants = new LinkedHashMap<>();
                // The peak is measured in every round too, so that it sees the same state of the machine.
                final List<Double> peaks = new ArrayList<>();
                contestants.put(PEAK, () -> peaks.add(DjlRuntime.call(() -> {
                    try (NDManager scratch = model.newBatchManager()) {
                        return Measure.matmulPeak(scratch, matmul);
                    }
                })));
                contestants.put(engineName, pooledPass(model, corpus, EmbeddingOptions.builder().layers(top)));
                contestants.put(int8Name, pooledPass(int8, corpus, EmbeddingOptions.builder().layers(top)));
                if (allLayers) {
                    contestants.put("engine embed, every layer mean-pooled (" + backend + ")",
                        pooledPass(model, corpus, EmbeddingOptions.builder()));
                }
                if (baselines) {
                    contestants.put("PyTorch encoder, engine batches, top layer", () -> same.forEach(b -> torch.run(
                        b, layers)));
                    contestants.put(SAME + "1" + THREADS, () -> runAll(environment, ort1, same));
                    contestants.put(SAME + "2" + THREADS, () -> runAll(environment, ort2, same));
                    contestants.put(NAIVE + "1" + THREADS, () -> runAll(environment, ort1, naive));
                    contestants.put(NAIVE + "2" + THREADS, () -> runAll(environment, ort2, naive));
                }
                final Map<String, Double> seconds = Measure.interleavedMedians(warmup, runs, contestants);
                seconds.remove(PEAK);
                final double peak = Measure.median(peaks.subList(peaks.size() - runs, peaks.size()).stream()
                    .mapToDouble(Double::doubleValue).toArray());
                out.printf("fp32 matmul peak (%d×%d, best of 10 per round, median of rounds): %s FLOP/s%n", matmul,
                    matmul, Measure.num(peak));
                out.printf("%-58s %12s %14s %12s %8s%n", "what", "median s", "tokens/s", "FLOP/s", "of peak");
                final double engine = tokens / seconds.get(engineName);
                final double engineInt8 = tokens / seconds.get(int8Name);
                double bestSame = Double.NaN;
                double bestNaive = Double.NaN;
                for (final Map.Entry<String, Double> e : seconds.entrySet()) {
                    final double rate = tokens / e.getValue();
                    // FLOP/s only where the work is the encoder on the real tokens (the export computes padding).
                    final double rateFlops = e.getKey().startsWith("engine") ? flops / e.getValue() : Double.NaN;
                    row(out, e.getKey(), tokens, rate, rateFlops, peak);
                    if (e.getKey().startsWith(SAME)) {
                        bestSame = Double.isNaN(bestSame) ? rate : Math.max(bestSame, rate);
                    } else if (e.getKey().startsWith(NAIVE)) {
                        bestNaive = Double.isNaN(bestNaive) ? rate : Math.max(bestNaive, rate);
                    }
                }
                final PrecisionAccuracy.Result accuracy = PrecisionAccuracy.compare(model, int8, same, out);
                out.println("bf16: none on the CPU here: ONNX Runtime 1.21.1 has no CPU kernel for a bf16 MatMul, and "
                    + "PyTorch through DJL 0.36 cannot hold a bf16 tensor (bench train probes it; docs/performance.md)");
                out.printf("embed engine_tokens_per_s=%s ort_same_batches_tokens_per_s=%s ort_naive_tokens_per_s=%s "
                    + "ratio_same_batches=%s ratio_naive=%s flops_per_s=%s peak_flops_per_s=%s fraction=%s "
                    + "int8_tokens_per_s=%s ratio_int8=%s mrr_delta_int8=%s cosine_int8=%s ratio_bf16=none "
                    + "mrr_delta_bf16=none cosine_bf16=none%n", Measure.num(engine), numOrNone(bestSame),
                    numOrNone(bestNaive), numOrNone(engine / bestSame), numOrNone(engine / bestNaive),
                    Measure.num(flops * engine / tokens), Measure.num(peak),
                    Measure.num(flops * engine / tokens / peak), Measure.num(engineInt8),
                    Measure.num(engineInt8 / engine), Measure.num(accuracy.mrrDelta()),
                    Measure.num(accuracy.cosine()));
            }
        }
        return 0;
    }

    /** "none" for what was not measured (--no-baselines). */
    private static String numOrNone(final double value) {
        return Double.isNaN(value) ? "none" : Measure.num(value);
    }

    /** One pass of the engine over the corpus, mean-pooled, results discarded. */
    private Measure.Run pooledPass(final BertModel model, final List<String> corpus,
        final EmbeddingOptions.Builder options) {
        final TokenEmbedder embedder = new TokenEmbedder(model, options.pooling(Pooling.MEAN).batchSize(batch)
            .build());
        return () -> embedder.embedPooled(corpus.stream().map(TextInput::of).iterator(), v -> { }, Progress.NONE);
    }

    private static OrtSession session(final OrtEnvironment environment, final byte[] onnx, final int threads)
        throws Exception {
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(threads);
            return environment.createSession(onnx, options);
        }
    }

    private static void row(final PrintWriter out, final String what, final long tokens, final double tokensPerS,
        final double flopsPerS, final double peak) {
        if (Double.isNaN(flopsPerS)) {
            out.printf("%-58s %12.3f %14.0f %12s %8s%n", what, tokens / tokensPerS, tokensPerS, "", "");
        } else {
            out.printf("%-58s %12.3f %14.0f %12s %7.1f%%%n", what, tokens / tokensPerS, tokensPerS,
                Measure.num(flopsPerS), 100 * flopsPerS / peak);
        }
        out.flush();
    }

    /** Exactly the engine's batches: windows of input, sorted by length, cut into batches. */
    private List<TokenBatch.Padded> sameBatches(final List<TokenizedText> encoded, final int padId) {
        final List<TokenBatch.Padded> batches = new ArrayList<>();
        final int window = LengthBatches.window(batch);
        for (int from = 0; from < encoded.size(); from += window) {
            final List<TokenizedText> part = encoded.subList(from, Math.min(encoded.size(), from + window));
            for (final int[] positions : LengthBatches.of(part, batch)) {
                batches.add(TokenBatch.pad(LengthBatches.pick(part, positions), padId));
            }
        }
        return batches;
    }

    /** What a user gets without our batching: fixed-size batches in input order, padded to their longest. */
    private List<TokenBatch.Padded> naiveBatches(final List<TokenizedText> encoded, final int padId) {
        final List<TokenBatch.Padded> batches = new ArrayList<>();
        for (int from = 0; from < encoded.size(); from += batch) {
            batches.add(TokenBatch.pad(encoded.subList(from, Math.min(encoded.size(), from + batch)), padId));
        }
        return batches;
    }

    private static long padded(final List<TokenBatch.Padded> batches) {
        return batches.stream().mapToLong(b -> (long)b.batch() * b.length()).sum();
    }

    /** Runs every batch and copies last_hidden_state to Java, as the engine copies its results. */
    private static void runAll(final OrtEnvironment environment, final OrtSession session,
        final List<TokenBatch.Padded> batches) throws Exception {
        for (final TokenBatch.Padded b : batches) {
            final long[] shape = {b.batch(), b.length()};
            try (OnnxTensor ids = OnnxTensor.createTensor(environment, LongBuffer.wrap(b.inputIds()), shape);
                OnnxTensor types = OnnxTensor.createTensor(environment, LongBuffer.wrap(b.typeIds()), shape);
                OnnxTensor mask = OnnxTensor.createTensor(environment, LongBuffer.wrap(b.attentionMask()), shape)) {
                final Map<String, OnnxTensor> inputs = new HashMap<>();
                for (final String name : session.getInputNames()) {
                    inputs.put(name, name.contains("type") ? types : name.contains("mask") ? mask : ids);
                }
                try (OrtSession.Result result = session.run(inputs)) {
                    final FloatBuffer values = ((OnnxTensor)result.get(0)).getFloatBuffer();
                    final float[] copy = new float[values.remaining()];
                    values.get(copy);
                }
            }
        }
    }
}
