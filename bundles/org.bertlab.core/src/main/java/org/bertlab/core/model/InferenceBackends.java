package org.bertlab.core.model;

import java.util.Locale;
import java.util.Optional;

import org.bertlab.core.encoder.BertConfig;
import org.bertlab.core.encoder.BertWeights;
import org.bertlab.core.encoder.InferenceBackend;
import org.bertlab.core.encoder.InferencePrecision;
import org.bertlab.core.encoder.TorchInference;
import org.bertlab.core.ort.OrtInference;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;

/**
 * Chooses the inference backend of a model. ONNX Runtime, on the fused graph written from the model's weights
 * ({@link OrtInference}), is used when the model runs in fp32 on the CPU and the ONNX Runtime classes are on the
 * class path (in KNIME they come in an optional platform fragment; without it everything runs on PyTorch).
 * Otherwise the PyTorch encoder. The model makes a new backend whenever its weights change.
 *
 * <p>
 * System property {@value #PROPERTY} = {@code auto} (default) or {@code pytorch} forces the PyTorch encoder;
 * {@code bertlab.inference.threads} sets ONNX Runtime's intra-op threads, one pool shared by every session
 * ({@link OrtInference#threads()}).
 */
public final class InferenceBackends {

    public static final String PROPERTY = "bertlab.inference";

    private InferenceBackends() {
    }

    /**
     * @param precision {@link InferencePrecision#INT8} runs on ONNX Runtime's int8 graph when ONNX Runtime is used;
     *            where it is not (GPU, half precision, no ONNX Runtime, {@code pytorch} forced) inference is fp32
     *            on PyTorch, which {@link InferenceBackend#name()} shows
     */
    public static InferenceBackend choose(final BertConfig config, final BertWeights parameters,
        final Device device, final DataType dataType, final InferencePrecision precision) {
        final String mode = System.getProperty(PROPERTY, "auto").toLowerCase(Locale.ROOT);
        if (!"pytorch".equals(mode) && dataType == DataType.FLOAT32
            && Device.Type.CPU.equals(device.getDeviceType())) {
            final Optional<InferenceBackend> ort = onnxRuntime(config, parameters, precision);
            if (ort.isPresent()) {
                return ort.get();
            }
        }
        return pytorch(config, parameters);
    }

    /** The PyTorch encoder. */
    public static InferenceBackend pytorch(final BertConfig config, final BertWeights parameters) {
        return new TorchInference(config, parameters);
    }

    /**
     * ONNX Runtime on the fused graph of these weights (copied: later changes to the weights are not seen), or empty
     * when ONNX Runtime is not on the class path or cannot start here.
     */
    public static Optional<InferenceBackend> onnxRuntime(final BertConfig config, final BertWeights parameters,
        final InferencePrecision precision) {
        if (!onnxRuntimePresent()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OrtInference.create(config, parameters, precision));
        } catch (Exception | LinkageError e) {
            return Optional.empty();
        }
    }

    /** ONNX Runtime's version and thread count, for reports; empty when it is not on the class path. */
    public static Optional<String> onnxRuntimeDescription() {
        if (!onnxRuntimePresent()) {
            return Optional.empty();
        }
        try {
            return Optional.of("ONNX Runtime " + OrtInference.version() + ", " + OrtInference.threads()
                + " intra-op thread(s)");
        } catch (Exception | LinkageError e) {
            return Optional.empty();
        }
    }

    /** Whether the ONNX Runtime classes are on the class path. */
    public static boolean onnxRuntimePresent() {
        try {
            Class.forName("ai.onnxruntime.OrtEnvironment", false, InferenceBackends.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
