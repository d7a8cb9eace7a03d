package org.bertlab.core.ort;

import org.bertlab.core.encoder.BertConfig;
import org.bertlab.core.encoder.BertWeights;
import org.bertlab.core.encoder.InferenceBackend;
import org.bertlab.core.encoder.InferencePrecision;
import org.bertlab.core.encoder.LayerOutputs;
import org.bertlab.core.encoder.TokenBatch;
import org.bertlab.core.model.InferenceBackends;

import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxTensorLike;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;

/**
 * Inference on ONNX Runtime, running the encoder as the fused graph {@link FusedOnnxGraph} writes from the model's
 * weights, which has every layer's hidden state as an output. Only the layers asked for are fetched and copied.
 * Loaded only when the ONNX Runtime classes are present (see {@code org.bertlab.core.model.InferenceBackends}).
 */
public final class OrtInference implements InferenceBackend {

    private final OrtEnvironment environment;

    private final OrtSession session;

    /** The weights the session computes with; ONNX Runtime reads them in place, so they live as long as it. */
    private final List<OnnxTensor> weights;

    private final int hidden;

    private final InferencePrecision precision;

    private OrtInference(final OrtEnvironment environment, final OrtSession session, final List<OnnxTensor> weights,
        final int hidden, final InferencePrecision precision) {
        this.environment = environment;
        this.session = session;
        this.weights = weights;
        this.hidden = hidden;
        this.precision = precision;
    }

    /**
     * A session on the process's thread pool ({@link OrtThreadPool}); it runs its nodes one after another
     * (inter-op parallelism only competes for the same cores on a small encoder).
     */
    public static OrtInference create(final BertConfig config, final BertWeights parameters,
        final InferencePrecision precision) throws OrtException {
        final OrtEnvironment environment = OrtThreadPool.environment();
        final FusedOnnxGraph graph = new FusedOnnxGraph(config, parameters, precision);
        final List<OnnxTensor> weights = new ArrayList<>();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            final Map<String, OnnxTensorLike> initializers = new HashMap<>();
            for (final FusedOnnxGraph.Weight w : graph.weights()) {
                final OnnxTensor tensor = w.values() instanceof ByteBuffer bytes
                    ? OnnxTensor.createTensor(environment, bytes, w.shape()) // int8
                    : OnnxTensor.createTensor(environment, (FloatBuffer)w.values(), w.shape());
                weights.add(tensor);
                initializers.put(w.name(), tensor);
            }
            options.addExternalInitializers(initializers);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            OrtThreadPool.configure(options);
            // ONNX Runtime's own log lines go to stderr with terminal colour codes; its errors reach us as
            // OrtExceptions anyway, which the engine reports in its own words.
            options.setSessionLogLevel(OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL);
            return new OrtInference(environment, environment.createSession(graph.model(), options), weights,
                config.hiddenSize(), precision);
        } catch (OrtException | RuntimeException e) {
            weights.forEach(OnnxTensor::close);
            throw e;
        }
    }

    /**
     * The process's ONNX Runtime environment, with the engine's shared thread pool; use it (never
     * {@code OrtEnvironment.getEnvironment()}, which would make one without the pool) for any other session.
     */
    public static OrtEnvironment environment() throws OrtException {
        return OrtThreadPool.environment();
    }

    /** The version of the ONNX Runtime natives. */
    public static String version() throws OrtException {
        return OrtThreadPool.environment().getVersion();
    }

    /**
     * The intra-op threads of every session: system property {@value OrtThreadPool#THREADS}, by default PyTorch's
     * count ({@code TorchThreads.count()}), so that one number, fixed for the process, describes both engines.
     */
    public static int threads() throws OrtException {
        return OrtThreadPool.threads();
    }

    /** Whether sessions share one thread pool, as they do unless another library made ONNX Runtime's environment first. */
    public static boolean sharedThreadPool() {
        return OrtThreadPool.shared();
    }

    @Override
    public String name() {
        return precision == InferencePrecision.INT8 ? "ONNX Runtime, int8" : "ONNX Runtime";
    }

    @Override
    public LayerOutputs run(final TokenBatch.Padded batch, final int[] layers) {
        final PackedBatch packed = PackedBatch.of(batch);
        final long[] tokens = {packed.inputIds().length};
        final long[] grid = {batch.batch(), batch.length()};
        final Set<String> wanted = new LinkedHashSet<>();
        for (final int layer : layers) {
            wanted.add(FusedOnnxGraph.output(layer));
        }
        final Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            inputs.put("input_ids", OnnxTensor.createTensor(environment, LongBuffer.wrap(packed.inputIds()), tokens));
            inputs.put("token_type_ids", OnnxTensor.createTensor(environment, LongBuffer.wrap(packed.typeIds()),
                tokens));
            inputs.put("position_ids", OnnxTensor.createTensor(environment, LongBuffer.wrap(packed.positions()),
                tokens));
            inputs.put("pack_index", OnnxTensor.createTensor(environment, LongBuffer.wrap(packed.packIndex()),
                tokens));
            inputs.put("pad_index", OnnxTensor.createTensor(environment, LongBuffer.wrap(packed.padIndex()), grid));
            inputs.put("attention_mask", OnnxTensor.createTensor(environment, IntBuffer.wrap(packed.mask()), grid));
            try (OrtSession.Result result = session.run(inputs, wanted)) {
                final float[][] states = new float[layers.length][];
                for (int l = 0; l < layers.length; l++) {
                    final FloatBuffer values = ((OnnxTensor)result.get(FusedOnnxGraph.output(layers[l])).orElseThrow())
                        .getFloatBuffer();
                    states[l] = new float[values.remaining()];
                    values.get(states[l]);
                }
                return new LayerOutputs(hidden, layers.clone(), states, packed.firstRows());
            }
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed on a batch of " + batch.batch() + " × "
                + batch.length() + " tokens: " + e.getMessage(), e);
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            // Closing frees native memory; there is nothing useful to do with a failure here.
        } finally {
            weights.forEach(OnnxTensor::close);
        }
    }
}
