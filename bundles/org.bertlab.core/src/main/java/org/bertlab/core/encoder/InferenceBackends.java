package org.bertlab.core.encoder;

import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

import org.bertlab.core.model.BertConfig;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;

/**
 * Chooses the inference backend of a model. ONNX Runtime is used when all of these hold: the weights were read from
 * an .onnx file and have not changed since (no training, no replaced weight), the model runs in fp32 on the CPU,
 * every layer's output can be found in the graph, and the ONNX Runtime classes are on the class path (in KNIME they
 * come in an optional platform fragment; without it everything runs on PyTorch). Otherwise the PyTorch encoder.
 *
 * <p>
 * System property {@value #PROPERTY} = {@code auto} (default), {@code pytorch} or {@code onnxruntime} forces a
 * choice (onnxruntime still falls back when impossible); {@value #THREADS} sets ONNX Runtime's intra-op threads
 * (default: the available processors).
 */
public final class InferenceBackends {

    public static final String PROPERTY = "bertlab.inference";

    public static final String THREADS = "bertlab.inference.threads";

    private InferenceBackends() {
    }

    /**
     * @param onnx the .onnx file's bytes when the weights came from one and are unchanged, else null
     */
    public static InferenceBackend choose(final BertConfig config, final BertParameters parameters,
        final Supplier<byte[]> onnx, final Device device, final DataType dataType) {
        final String mode = System.getProperty(PROPERTY, "auto").toLowerCase(Locale.ROOT);
        if (!"pytorch".equals(mode) && onnx != null && dataType == DataType.FLOAT32 && Device.Type.CPU.equals(device.getDeviceType())
            && onnxRuntimePresent()) {
            final Optional<InferenceBackend> ort = onnxRuntime(config, onnx.get());
            if (ort.isPresent()) {
                return ort.get();
            }
        }
        return new TorchInference(config, parameters);
    }

    /** The PyTorch encoder, whatever the model's origin. */
    public static InferenceBackend pytorch(final BertConfig config, final BertParameters parameters) {
        return new TorchInference(config, parameters);
    }

    /** ONNX Runtime on these model bytes with every layer exposed, or empty when the graph's layers are unknown. */
    public static Optional<InferenceBackend> onnxRuntime(final BertConfig config, final byte[] onnx) {
        final Optional<String[]> names = OnnxLayerOutputs.find(onnx, config.numLayers());
        if (names.isEmpty()) {
            return Optional.empty();
        }
        final int threads = Integer.getInteger(THREADS, Runtime.getRuntime().availableProcessors());
        try {
            return Optional.of(OrtInference.create(onnx, names.get(), config.hiddenSize(), threads));
        } catch (Exception | LinkageError e) {
            return Optional.empty();
        }
    }

    private static boolean onnxRuntimePresent() {
        try {
            Class.forName("ai.onnxruntime.OrtEnvironment", false, InferenceBackends.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
