package org.bertlab.core.model;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.commons.lang3.StringUtils;
import org.bertlab.core.encoder.BertConfig;
import org.bertlab.core.encoder.BertLayout;
import org.bertlab.core.encoder.BertParameters;
import org.bertlab.core.encoder.InferencePrecision;
import org.bertlab.core.runtime.DeviceChoice;
import org.bertlab.core.runtime.DjlRuntime;
import org.bertlab.core.tokenize.BertTokenizer;
import org.bertlab.core.weights.NamedTensor;
import org.bertlab.core.weights.OnnxWeights;
import org.bertlab.core.weights.Safetensors;

import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;

/**
 * Loads a BERT from what people have: a Hugging Face folder ({@code config.json}, {@code tokenizer.json} or
 * {@code vocab.txt}, {@code model.safetensors}, possibly sharded), an ONNX export (a folder with {@code model.onnx},
 * or the .onnx file itself, with config.json and the tokenizer beside it), or a folder the engine saved (which is
 * a Hugging Face folder). {@code pytorch_model.bin} is refused: unpickling runs arbitrary code.
 */
public final class ModelLoader {

    private ModelLoader() {
    }

    /** What kind of weights a model folder holds. */
    public enum WeightKind {
        SAFETENSORS, ONNX
    }

    /**
     * What {@link #inspect(Path)} found without reading weights: enough for a node's configure step.
     *
     * @param config the architecture
     * @param weights the weights file (model.safetensors, its index, or the .onnx file)
     * @param kind safetensors or ONNX
     */
    public record Inspection(BertConfig config, Path weights, WeightKind kind) {
    }

    /** Loads the model at {@code path} (folder or .onnx file). */
    public static BertModel load(final Path path, final LoadOptions options) throws ModelLoadException {
        final Inspection found = inspect(path);
        final Path folder = found.weights().getParent();
        final BertTokenizer tokenizer = tokenizer(folder, found.config(), options);
        BertModel model = null;
        try {
            final Map<String, NamedTensor> tensors = switch (found.kind()) {
                case SAFETENSORS -> Safetensors.readFolder(folder);
                case ONNX -> readOnnx(found.weights());
            };
            model = fromTensors(found.config(), tokenizer, tensors, options, path.toString(),
                found.weights().toString());
            readAttachments(folder, model);
            return model;
        } catch (IOException | RuntimeException e) {
            // Whatever was built is freed: the weights with the model, else the tokenizer alone.
            if (model != null) {
                model.close();
            } else {
                tokenizer.close();
            }
            if (e instanceof ModelLoadException m) {
                throw m;
            }
            // Format errors already start with the file; say it once.
            final String message = StringUtils.defaultString(e.getMessage(), e.getClass().getSimpleName());
            throw new ModelLoadException(message.contains(found.weights().toString()) ? message
                : found.weights() + ": " + message, e);
        }
    }

    private static Map<String, NamedTensor> readOnnx(final Path file) throws IOException {
        final Map<String, NamedTensor> tensors = OnnxWeights.read(file);
        OnnxWeights.requireBert(tensors, file.toString());
        return tensors;
    }

    /**
     * Checks a model folder or .onnx file and reads its config, without loading weights.
     *
     * @throws ModelLoadException naming the path and what is missing
     */
    public static Inspection inspect(final Path path) throws ModelLoadException {
        if (path == null || !Files.exists(path)) {
            throw new ModelLoadException(path + ": no such file or folder. Give a Hugging Face model folder, an ONNX "
                + "export or a folder saved by BERT Transfer Lab.");
        }
        if (Files.isRegularFile(path)) {
            final String name = path.getFileName().toString();
            if (isPickle(name)) {
                throw pickleRefused(path);
            }
            if (!name.endsWith(".onnx")) {
                throw new ModelLoadException(path + ": not a model file. Give a model folder or an .onnx file.");
            }
            return new Inspection(ConfigJson.read(path.resolveSibling(ConfigJson.FILE_NAME)), path, WeightKind.ONNX);
        }
        final List<String> files = list(path);
        if (files.isEmpty()) {
            throw new ModelLoadException(path + ": the folder is empty. A model folder needs config.json, "
                + "tokenizer.json or vocab.txt, and model.safetensors (or an ONNX export).");
        }
        final Path safetensors = path.resolve("model.safetensors");
        final Path index = path.resolve("model.safetensors.index.json");
        final List<String> onnx = files.stream().filter(f -> f.endsWith(".onnx")).sorted().toList();
        final Path weights;
        final WeightKind kind;
        if (Files.isRegularFile(safetensors) || Files.isRegularFile(index)) {
            weights = Files.isRegularFile(safetensors) ? safetensors : index;
            kind = WeightKind.SAFETENSORS;
        } else if (!onnx.isEmpty()) {
            weights = path.resolve(onnx.contains("model.onnx") ? "model.onnx" : onnx.get(0));
            kind = WeightKind.ONNX;
        } else if (files.stream().anyMatch(ModelLoader::isPickle)) {
            throw pickleRefused(path.resolve(files.contains("pytorch_model.bin") ? "pytorch_model.bin"
                : files.stream().filter(ModelLoader::isPickle).findFirst().orElseThrow()));
        } else {
            throw new ModelLoadException(path + ": no weights found (model.safetensors, model.safetensors.index.json "
                + "or an .onnx file). Files present: " + StringUtils.abbreviate(String.join(", ", files), 200));
        }
        return new Inspection(ConfigJson.read(path.resolve(ConfigJson.FILE_NAME)), weights, kind);
    }

    /** PyTorch checkpoints saved with torch.save: pickles under their usual names. */
    private static boolean isPickle(final String name) {
        return StringUtils.endsWithAny(name.toLowerCase(java.util.Locale.ROOT), ".bin", ".pt", ".pth", ".ckpt");
    }

    private static ModelLoadException pickleRefused(final Path file) {
        return new ModelLoadException(file + ": PyTorch pickle checkpoints are not loaded, because unpickling can run "
            + "arbitrary code. Convert it once with transformers: AutoModel.from_pretrained(folder)"
            + ".save_pretrained(folder, safe_serialization=True), which writes model.safetensors.");
    }

    private static List<String> list(final Path folder) throws ModelLoadException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new ModelLoadException(folder + ": cannot list the folder: " + e.getMessage(), e);
        }
    }

    static BertTokenizer tokenizer(final Path folder, final BertConfig config, final LoadOptions options)
        throws ModelLoadException {
        try {
            return BertTokenizer.fromFolder(folder, options.lowercase(), options.effectiveMaxLength(config,
                BertTokenizer.savedMaxLength(folder)));
        } catch (IOException e) {
            throw new ModelLoadException(e.getMessage(), e);
        }
    }

    /**
     * Builds a model from plain tensors: strips the {@code bert.} prefix, renames old-style LayerNorm
     * gamma/beta, checks every encoder weight's presence and shape, and copies them to the device.
     */
    static BertModel fromTensors(final BertConfig config, final BertTokenizer tokenizer,
        final Map<String, NamedTensor> tensors, final LoadOptions options, final String source,
        final String weightsFile) throws ModelLoadException {
        final Map<String, NamedTensor> named = canonicalNames(tensors);
        checkLayerCount(config, named, weightsFile);
        checkShapes(config, named, weightsFile);
        checkFinite(named, weightsFile);
        if (tokenizer.vocabularySize() > config.vocabSize()) {
            throw new ModelLoadException(source + ": the tokenizer has " + tokenizer.vocabularySize()
                + " tokens but the model's embedding matrix only " + config.vocabSize()
                + " rows; the tokenizer does not belong to this model.");
        }
        final DeviceChoice.Resolved resolved = options.device().resolve();
        final Device device = resolved.device();
        String note = resolved.note();
        DataType dataType = options.precision().equals("fp16") ? DataType.FLOAT16 : DataType.FLOAT32;
        if (dataType != DataType.FLOAT32 && !device.isGpu()) {
            final String fallback = options.precision() + " runs only on a GPU; using fp32 on the CPU.";
            note = note.isEmpty() ? fallback : note + "; " + fallback;
            dataType = DataType.FLOAT32;
        }
        final boolean int8 = options.precision().equals("int8");
        if (int8 && (device.isGpu() || !InferenceBackends.onnxRuntimePresent())) {
            final String fallback = "int8 runs only on the CPU with ONNX Runtime; using fp32.";
            note = note.isEmpty() ? fallback : note + "; " + fallback;
        }
        final DataType type = dataType;
        final NDManager manager = DjlRuntime.call(() -> NDManager.newBaseManager(device, DjlRuntime.ENGINE));
        try {
            final BertParameters parameters = new BertParameters(manager);
            DjlRuntime.run(() -> named.forEach((name, tensor) -> parameters.put(tensor, name, type)));
            final BertModel model = new BertModel(config, tokenizer, parameters, device, type, source, note);
            if (int8) {
                model.setInferencePrecision(InferencePrecision.INT8);
            }
            return model;
        } catch (RuntimeException e) {
            manager.close();
            throw new ModelLoadException(weightsFile + ": cannot place the weights on " + device + ": "
                + e.getMessage(), e);
        }
    }

    private static Map<String, NamedTensor> canonicalNames(final Map<String, NamedTensor> tensors) {
        final Map<String, NamedTensor> named = new LinkedHashMap<>();
        for (final NamedTensor t : tensors.values()) {
            String name = StringUtils.removeStart(t.name(), "bert.");
            if (name.contains("LayerNorm.")) {
                name = name.replace("LayerNorm.gamma", "LayerNorm.weight").replace("LayerNorm.beta", "LayerNorm.bias");
            }
            if (name.equals("cls.predictions.decoder.bias")) {
                name = "cls.predictions.bias";
            }
            // BERT ties the MLM decoder to the word embeddings; a stored copy is the same matrix.
            if (name.equals("cls.predictions.decoder.weight") || name.startsWith("cls.seq_relationship")
                || name.endsWith("position_ids")) {
                continue;
            }
            named.putIfAbsent(name, t.name().equals(name) ? t : new NamedTensor(name, t.shape(), t.values()));
        }
        return named;
    }

    /**
     * The layers config.json declares must be the layers the weights hold, checked before anything is built per
     * layer: a config claiming 2^31-1 layers must fail at once, not after minutes of building a name table.
     */
    private static void checkLayerCount(final BertConfig config, final Map<String, NamedTensor> named,
        final String weightsFile) throws ModelLoadException {
        int layers = 0;
        for (final String name : named.keySet()) {
            if (name.startsWith("encoder.layer.")) {
                final String index = StringUtils.substringBetween(name, "encoder.layer.", ".");
                if (StringUtils.isNumeric(index) && index.length() < 6) {
                    layers = Math.max(layers, Integer.parseInt(index) + 1);
                }
            }
        }
        if (layers != config.numLayers()) {
            throw new ModelLoadException(weightsFile + ": config.json declares num_hidden_layers "
                + config.numLayers() + " but the weights hold " + layers + " layers; the config and the weights "
                + "do not belong together.");
        }
    }

    /** NaN or infinite weights would give NaN vectors with no error; refuse them at load, naming the tensor. */
    private static void checkFinite(final Map<String, NamedTensor> named, final String weightsFile)
        throws ModelLoadException {
        for (final NamedTensor t : named.values()) {
            final float[] v = t.values();
            for (int i = 0; i < v.length; i++) {
                if (!Float.isFinite(v[i])) {
                    throw new ModelLoadException(weightsFile + ": tensor " + t.name() + " holds " + v[i]
                        + " at index " + i + "; a model with NaN or infinite weights computes nothing meaningful. "
                        + "The file is corrupt or the training that wrote it diverged.");
                }
            }
        }
    }

    private static void checkShapes(final BertConfig config, final Map<String, NamedTensor> named,
        final String weightsFile) throws ModelLoadException {
        final Map<String, long[]> expected = new LinkedHashMap<>(BertLayout.encoder(config));
        final List<String> missing = new ArrayList<>();
        for (final Map.Entry<String, long[]> e : expected.entrySet()) {
            final NamedTensor t = named.get(e.getKey());
            if (t == null) {
                missing.add(e.getKey());
            } else if (!java.util.Arrays.equals(t.shape(), e.getValue())) {
                throw new ModelLoadException(weightsFile + ": tensor " + e.getKey() + " has shape "
                    + java.util.Arrays.toString(t.shape()) + " but config.json implies "
                    + java.util.Arrays.toString(e.getValue()) + "; the weights and the config do not match.");
            }
        }
        if (!missing.isEmpty()) {
            throw new ModelLoadException(weightsFile + ": " + missing.size() + " encoder weights are missing, e.g. "
                + StringUtils.abbreviate(String.join(", ", missing), 300)
                + ". Is this a BERT checkpoint matching config.json?");
        }
        final BertConfig c = config;
        checkOptional(named, BertLayout.pooler(c), weightsFile);
        checkOptional(named, BertLayout.maskedLm(c), weightsFile);
        checkOptional(named, BertLayout.questionAnswering(c), weightsFile);
        if (named.containsKey("classifier.weight")) {
            final long labels = named.get("classifier.weight").shape()[0];
            if (!c.labels().isEmpty() && labels != c.labels().size()) {
                throw new ModelLoadException(weightsFile + ": the classifier has " + labels + " outputs but "
                    + "config.json names " + c.labels().size() + " labels.");
            }
            checkOptional(named, BertLayout.classifier(c, (int)labels), weightsFile);
        }
    }

    /** A head is optional, but if one of its weights exists all must, with the right shapes. */
    private static void checkOptional(final Map<String, NamedTensor> named, final Map<String, long[]> head,
        final String weightsFile) throws ModelLoadException {
        if (head.keySet().stream().noneMatch(named::containsKey)) {
            return;
        }
        for (final Map.Entry<String, long[]> e : head.entrySet()) {
            final NamedTensor t = named.get(e.getKey());
            if (t == null || !java.util.Arrays.equals(t.shape(), e.getValue())) {
                throw new ModelLoadException(weightsFile + ": head weight " + e.getKey() + " is "
                    + (t == null ? "missing" : "of shape " + java.util.Arrays.toString(t.shape()))
                    + ", expected " + java.util.Arrays.toString(e.getValue()) + ".");
            }
        }
    }

    /**
     * A new, randomly initialised BERT (BERT's initialisation, reproducible from the seed) with a masked-LM head and
     * a pooler: the starting point of pre-training from scratch and of the fast unit tests.
     */
    public static BertModel createRandom(final BertConfig config, final BertTokenizer tokenizer,
        final LoadOptions options, final long seed) throws ModelLoadException {
        final long bytes = 4 * (config.encoderParameterCount() + (long)config.vocabSize() + 2L * config.hiddenSize()
            * (config.hiddenSize() + 2));
        final long heap = Runtime.getRuntime().maxMemory();
        if (bytes > heap / 2) {
            throw new ModelLoadException(String.format(java.util.Locale.ROOT, "A BERT with hidden size %d, %d layers, "
                + "feed-forward size %d and %d tokens has %.2f GB of float32 weights, more than half of the %.2f GB "
                + "Java heap (they are built there, then copied to the device). Choose a smaller model or give more "
                + "memory, e.g. BERTLAB_JAVA_OPTS=-Xmx16g.", config.hiddenSize(), config.numLayers(),
                config.intermediateSize(), config.vocabSize(), bytes / 1e9, heap / 1e9));
        }
        final Map<String, long[]> shapes = new LinkedHashMap<>(BertLayout.encoder(config));
        shapes.putAll(BertLayout.pooler(config));
        shapes.putAll(BertLayout.maskedLm(config));
        final Map<String, NamedTensor> tensors = BertLayout.initialise(shapes, seed);
        zeroPaddingRow(tensors.get("embeddings.word_embeddings.weight"), config);
        return fromTensors(config, tokenizer, tensors, options, "new random BERT (seed " + seed + ")",
            "(initialised)");
    }

    /**
     * Hugging Face's {@code _init_weights} zeroes the word embedding of the padding token
     * ({@code nn.Embedding(padding_idx=pad_token_id)}). Done after every random draw, so the draws, and with them
     * every other weight of a seed, stay what they were.
     */
    private static void zeroPaddingRow(final NamedTensor wordEmbeddings, final BertConfig config) {
        final int pad = config.padTokenId();
        if (pad >= 0 && pad < config.vocabSize()) {
            final int width = config.hiddenSize();
            java.util.Arrays.fill(wordEmbeddings.values(), pad * width, (pad + 1) * width, 0f);
        }
    }

    /** Reads the attachments; a JSON attachment that is not a JSON object fails the load, naming the file. */
    private static void readAttachments(final Path folder, final BertModel model) throws IOException {
        for (final String name : ModelWriter.ATTACHMENT_FILES) {
            final Path file = folder.resolve(name);
            if (Files.isRegularFile(file)) {
                final byte[] bytes = Files.readAllBytes(file);
                if (name.endsWith(".json")) {
                    checkJsonObject(file, bytes);
                }
                model.attach(name, bytes);
            }
        }
    }

    private static void checkJsonObject(final Path file, final byte[] bytes) throws ModelLoadException {
        try {
            if (JsonParser.parseString(new String(bytes, StandardCharsets.UTF_8)).isJsonObject()) {
                return;
            }
        } catch (JsonParseException e) {
            throw new ModelLoadException(file + ": not valid JSON (" + e.getMessage() + "). Delete the file or "
                + "save the model again.", e);
        }
        throw new ModelLoadException(file + ": not a JSON object. Delete the file or save the model again.");
    }
}
