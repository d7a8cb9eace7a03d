package org.bertlab.cli;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.function.Supplier;

import org.bertlab.core.model.BertModel;
import org.bertlab.core.model.EmbeddedModel;
import org.bertlab.core.model.LoadOptions;
import org.bertlab.core.model.ModelLoadException;
import org.bertlab.core.model.ModelLoader;
import org.bertlab.core.runtime.DeviceChoice;

import picocli.CommandLine.Option;

/** The model options every command shares; without {@code --model} the embedded default is used. */
public final class ModelOptions {

    @Option(names = "--model", paramLabel = "PATH",
        description = "Hugging Face model folder, ONNX export, or a folder saved by bertlab "
            + "(default: the embedded " + EmbeddedModel.NAME + ").")
    Path model;

    @Option(names = "--lowercase", paramLabel = "true|false", arity = "1",
        description = "Override the tokenizer's lower-casing (default: as the model's files say; on for the "
            + "embedded model).")
    Boolean lowercase;

    @Option(names = "--max-length", paramLabel = "N", defaultValue = "0",
        description = "Maximum tokens per sequence, special tokens included (default: the one the model was saved "
            + "with, else its positions, at most 512).")
    int maxLength;

    @Option(names = "--device", paramLabel = "cpu|gpu|gpu:N", defaultValue = "cpu",
        description = "Device to run on; an unavailable GPU falls back to the CPU with a notice (default: cpu).")
    String device;

    @Option(names = "--precision", paramLabel = "fp32|fp16|int8", defaultValue = "fp32",
        description = "Weights' data type; fp16 only on a GPU (bf16 is not available through DJL's PyTorch). int8: fp32 weights, inference with int8 "
            + "matrix products on the CPU (ONNX Runtime; see docs/performance.md for its accuracy) (default: fp32).")
    String precision;

    public LoadOptions loadOptions() {
        return new LoadOptions(lowercase, maxLength, DeviceChoice.parse(device), precision);
    }

    /**
     * Loads the model once and gives {@code use} a supplier of independent in-memory copies of it
     * ({@link BertModel#copy()}; whoever takes a copy closes it); the loaded model is closed when {@code use} returns.
     */
    public <T> T withCopies(final Function<Supplier<BertModel>, T> use) {
        try (BertModel loaded = load()) {
            return use.apply(loaded::copy);
        } catch (ModelLoadException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Loads the model; a device fallback is reported on standard error. */
    public BertModel load() throws ModelLoadException {
        final BertModel loaded = model == null ? EmbeddedModel.load(loadOptions())
            : ModelLoader.load(model, loadOptions());
        if (!loaded.deviceNote().isEmpty()) {
            System.err.println("bertlab: note: " + loaded.deviceNote());
        }
        return loaded;
    }
}
