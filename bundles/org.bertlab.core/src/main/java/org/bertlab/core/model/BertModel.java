package org.bertlab.core.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bertlab.core.encoder.BertBackbone;
import org.bertlab.core.encoder.BertConfig;
import org.bertlab.core.encoder.BertHeads;
import org.bertlab.core.encoder.BertParameters;
import org.bertlab.core.encoder.BertWeights;
import org.bertlab.core.encoder.InferencePrecision;
import org.bertlab.core.encoder.LayerOutputs;
import org.bertlab.core.encoder.TokenBatch;
import org.bertlab.core.runtime.DjlRuntime;
import org.bertlab.core.tokenize.BertTokenizer;
import org.bertlab.core.tokenize.TokenizerLoadException;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;

/**
 * A loaded BERT: architecture, tokenizer, weights on a device, and the heads whose weights exist. Owns native
 * memory: close it. Its type offers no change: weights, labels and attachments are read-only here, so one model can
 * be read by many nodes and threads at once; training changes a {@link TrainableModel}, which is a copy or a model
 * its owner handed over. Every inference (embedding, word vectors, prediction, validation) runs through
 * {@link #runInference}; training computes its batches in sub-managers ({@link #newBatchManager()}) so that
 * everything a batch allocates is freed when the batch's manager closes.
 */
public final class BertModel implements AutoCloseable {

    /** The cancel check of a save that cannot be cancelled. */
    private static final Runnable NOT_CANCELLED = () -> {
    };

    private BertConfig config;

    private final BertTokenizer tokenizer;

    private final BertParameters parameters;

    private final Device device;

    private final DataType dataType;

    private final String source;

    private final String deviceNote;

    private final Map<String, byte[]> attachments = new LinkedHashMap<>();

    private RunningBackend inference;

    private InferencePrecision inferencePrecision = InferencePrecision.FP32;

    /** The weights' version the backend was made from; it holds a copy of them (ONNX Runtime) or reads them. */
    private long inferenceVersion;

    BertModel(final BertConfig config, final BertTokenizer tokenizer, final BertParameters parameters,
        final Device device, final DataType dataType, final String source, final String deviceNote) {
        this.config = config;
        this.tokenizer = tokenizer;
        this.parameters = parameters;
        this.device = device;
        this.dataType = dataType;
        this.source = source;
        this.deviceNote = deviceNote;
    }

    public BertConfig config() {
        return config;
    }

    /** Replaces the label set (a classification head was added or retrained): {@link TrainableModel} only. */
    void setConfig(final BertConfig newConfig) {
        this.config = newConfig;
    }

    public BertTokenizer tokenizer() {
        return tokenizer;
    }

    /** The weights, to read. */
    public BertWeights parameters() {
        return parameters;
    }

    /** The writable store: the loader's and {@link TrainableModel}'s. */
    BertParameters store() {
        return parameters;
    }

    public BertBackbone backbone() {
        return new BertBackbone(config, parameters);
    }

    public BertHeads heads() {
        return new BertHeads(config, parameters);
    }

    public Device device() {
        return device;
    }

    public DataType dataType() {
        return dataType;
    }

    /** Where the model came from (a folder, a file, or the embedded default). */
    public String source() {
        return source;
    }

    /** Why the device differs from what was asked, or empty. */
    public String deviceNote() {
        return deviceNote;
    }

    /**
     * Extra files saved with the model (for example the token mapping of another discipline), by file name;
     * unmodifiable.
     */
    public Map<String, byte[]> attachments() {
        return Collections.unmodifiableMap(attachments);
    }

    /** Adds or replaces an extra file: the loader's and {@link TrainableModel}'s. */
    void attach(final String fileName, final byte[] bytes) {
        attachments.put(fileName, bytes);
    }

    /** The arithmetic inference runs in (fp32 unless set); training is not affected. */
    public synchronized InferencePrecision inferencePrecision() {
        return inferencePrecision;
    }

    /**
     * Sets the arithmetic of inference; the next {@link #inference()} makes a backend for it. int8 runs on ONNX
     * Runtime on the CPU only; elsewhere inference stays fp32 (see {@link InferenceBackends}).
     */
    public synchronized void setInferencePrecision(final InferencePrecision value) {
        if (value != inferencePrecision && inference != null) {
            inference.retire();
            inference = null;
        }
        inferencePrecision = value;
    }

    /**
     * Runs a batch on the model's inference backend and returns the hidden states of the given layers (sorted, 0 =
     * embedding output). Safe while other threads run batches or change the inference precision: a backend being
     * replaced is closed only after its last running batch.
     */
    public LayerOutputs runInference(final TokenBatch.Padded batch, final int[] layers) {
        final RunningBackend backend;
        synchronized (this) {
            backend = current();
            backend.enter();
        }
        try {
            return backend.backend().run(batch, layers);
        } finally {
            backend.exit();
        }
    }

    /**
     * The name of the backend batches run on ({@link InferenceBackends}: "ONNX Runtime", "ONNX Runtime, int8",
     * "PyTorch"), made if needed. The backend itself is never handed out: batches run through
     * {@link #runInference}, which keeps it open while they run.
     */
    public synchronized String inferenceName() {
        return current().backend().name();
    }

    /**
     * The backend, made on first use and made again once the weights have changed (training, a replaced head),
     * since a backend may hold a copy of them.
     */
    private RunningBackend current() {
        if (inference != null && parameters.version() != inferenceVersion) {
            inference.retire();
            inference = null;
        }
        if (inference == null) {
            inference = new RunningBackend(InferenceBackends.choose(config, parameters, device, dataType,
                inferencePrecision));
            inferenceVersion = parameters.version();
        }
        return inference;
    }

    /**
     * An independent copy in memory: the same weights (on the same device, in the same data type, without
     * gradients), architecture and labels, tokenizer (lower-casing and maximum length), attachments (token mapping,
     * QA settings) and inference precision; its source is this model's, so saving the copy still protects the folder
     * the original came from. The copy owns its own native memory: the caller closes it, and closing either model
     * leaves the other intact. Nodes and commands that change a model (training, attaching a mapping) change a copy,
     * since the original may be read elsewhere ({@link TrainableModel#copyOf}). Do not copy a model while it
     * trains.
     */
    public BertModel copy() {
        final BertTokenizer tokenizerCopy;
        try {
            tokenizerCopy = tokenizer.withMaxLength(tokenizer.maxLength());
        } catch (TokenizerLoadException e) {
            // The same tokenizer.json loaded once already.
            throw new IllegalStateException("cannot copy the tokenizer: " + e.getMessage(), e);
        }
        final NDManager manager;
        try {
            manager = DjlRuntime.call(() -> NDManager.newBaseManager(device, DjlRuntime.ENGINE));
        } catch (RuntimeException e) {
            tokenizerCopy.close();
            throw e;
        }
        try {
            final BertParameters weights = new BertParameters(manager);
            DjlRuntime.run(() -> {
                for (final Map.Entry<String, NDArray> e : parameters.entries()) {
                    try (NDArray detached = e.getValue().stopGradient()) {
                        weights.put(e.getKey(), detached.duplicate());
                    }
                }
            });
            final BertModel copy = new BertModel(config, tokenizerCopy, weights, device, dataType, source,
                deviceNote);
            attachments.forEach((name, bytes) -> copy.attachments.put(name, bytes.clone()));
            copy.setInferencePrecision(inferencePrecision());
            return copy;
        } catch (RuntimeException e) {
            manager.close();
            tokenizerCopy.close();
            throw e;
        }
    }

    /** A manager for one batch; close it to free everything the batch allocated. */
    public NDManager newBatchManager() {
        return parameters.newBatchManager();
    }

    /** Names of the heads whose weights are present. */
    public List<String> headNames() {
        final BertHeads heads = heads();
        final List<String> names = new ArrayList<>();
        if (heads.hasPooler()) {
            names.add("pooler");
        }
        if (heads.hasMaskedLm()) {
            names.add("masked-lm");
        }
        if (heads.hasClassifier()) {
            names.add("classifier" + (config.labels().isEmpty() ? "" : " " + config.labels()));
        }
        if (heads.hasQuestionAnswering()) {
            names.add("question-answering");
        }
        return names;
    }

    /** A one-paragraph description for reports, port specs and {@code bertlab info}. */
    public String describe() {
        return String.format(
            "BERT: %d layers, hidden %d, %d heads, FFN %d, vocabulary %d, %d positions, %,d parameters%n"
                + "heads present: %s%ntokenizer: max length %d, lowercase %s%ndevice: %s %s%s%nnatives: %s%n"
                + "source: %s",
            config.numLayers(), config.hiddenSize(), config.numHeads(), config.intermediateSize(),
            config.vocabSize(), config.maxPositions(), parameters.count(),
            headNames().isEmpty() ? "none" : String.join(", ", headNames()), tokenizer.maxLength(),
            tokenizer.lowercase(), device, dataType, deviceNote.isEmpty() ? "" : " (" + deviceNote + ")",
            DjlRuntime.nativeFlavour(), source);
    }

    /**
     * Saves as a Hugging Face folder (see {@link ModelWriter}) into a new or empty folder, or one this engine saved
     * to before.
     *
     * @throws org.bertlab.core.io.OutputRefusedException when the folder holds other files, is an input, a file …
     */
    public void save(final Path folder) throws IOException {
        ModelWriter.write(this, folder, SaveOptions.DEFAULT, NOT_CANCELLED);
    }

    /** Saves as a Hugging Face folder with the given overwrite rule, protected inputs and extra files. */
    public void save(final Path folder, final SaveOptions options) throws IOException {
        ModelWriter.write(this, folder, options, NOT_CANCELLED);
    }

    /**
     * Saves as {@link #save(Path, SaveOptions)} does, running {@code cancelCheck} between the files (e.g. a
     * {@code Progress::checkCancelled}); when it throws {@link java.util.concurrent.CancellationException}, what was
     * written is removed and the folder left as it was.
     */
    public void save(final Path folder, final SaveOptions options, final Runnable cancelCheck) throws IOException {
        ModelWriter.write(this, folder, options, cancelCheck);
    }

    /**
     * Checks that {@link #save(Path, SaveOptions)} would accept the folder, without writing: call it before a long
     * training run (and in a node's configure step).
     */
    public static void checkSaveTarget(final Path folder, final SaveOptions options) throws IOException {
        ModelWriter.check(folder, options);
    }

    @Override
    public void close() {
        synchronized (this) {
            if (inference != null) {
                inference.retire();
                inference = null;
            }
        }
        parameters.manager().close();
        tokenizer.close();
    }
}
