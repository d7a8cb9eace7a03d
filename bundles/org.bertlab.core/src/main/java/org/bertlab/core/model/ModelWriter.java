package org.bertlab.core.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.bertlab.core.encoder.BertConfig;
import org.bertlab.core.encoder.BertHeads;
import org.bertlab.core.io.OutputFolder;
import org.bertlab.core.runtime.DjlRuntime;
import org.bertlab.core.weights.NamedTensor;
import org.bertlab.core.weights.Safetensors;

/**
 * Saves a model as a standard Hugging Face folder that transformers loads unchanged: {@code config.json} (with the
 * architecture class matching the heads present and the label set), {@code model.safetensors} with Hugging Face's
 * tensor names, and the tokenizer files. Written through {@link OutputFolder}: beside the target first, then moved
 * into place, so a failed save never leaves a half-written model, and a folder holding someone else's files is
 * refused unless overwriting is allowed, and then only the model's own files are replaced.
 */
public final class ModelWriter {

    /** Files that travel with a model besides the Hugging Face ones. */
    public static final List<String> ATTACHMENT_FILES = List.of("token_mapping.tsv", "qa_settings.json");

    /** Extra files the engine's faces save beside a model (statistics of the training that made it). */
    public static final Set<String> KNOWN_EXTRA_FILES = Set.of("training_statistics.tsv");

    /** Every file a saved model may consist of (the tokenizer files, config, weights and attachments). */
    public static final Set<String> MODEL_FILES = Set.of("config.json", "model.safetensors", "tokenizer.json",
        "vocab.txt", "tokenizer_config.json", "token_mapping.tsv", "qa_settings.json");

    private ModelWriter() {
    }

    /**
     * @param cancelCheck runs between the files and throws {@link java.util.concurrent.CancellationException} to
     * stop; the staging folder is then removed and the target left as it was
     */
    static void write(final BertModel model, final Path folder, final SaveOptions options,
        final Runnable cancelCheck) throws IOException {
        final List<Path> inputs = new ArrayList<>(options.inputs());
        sourceFolder(model).ifPresent(inputs::add);
        final Set<String> own = new HashSet<>(MODEL_FILES);
        own.addAll(KNOWN_EXTRA_FILES);
        own.addAll(options.extraFiles().keySet());
        try (OutputFolder out = OutputFolder.open(folder, inputs, options.overwrite(), own)) {
            final Path staging = out.staging();
            final String architecture = architecture(model.heads());
            // Task models carry the encoder under "bert.", as transformers' BertFor* classes name it.
            final boolean prefixed = !"BertModel".equals(architecture);
            final List<NamedTensor> tensors = DjlRuntime.call(() -> model.parameters()
                .toTensors(name -> prefixed && isEncoderWeight(name) ? "bert." + name : name));
            cancelCheck.run();
            Safetensors.write(staging.resolve("model.safetensors"), tensors, Map.of("saved_by", "BERT Transfer Lab"));
            cancelCheck.run();
            ConfigJson.write(model.config(), staging.resolve(ConfigJson.FILE_NAME), architecture);
            model.tokenizer().save(staging);
            for (final Map.Entry<String, byte[]> a : model.attachments().entrySet()) {
                Files.write(staging.resolve(a.getKey()), a.getValue());
            }
            for (final Map.Entry<String, byte[]> e : options.extraFiles().entrySet()) {
                Files.write(staging.resolve(e.getKey()), e.getValue());
            }
            // The last moment a cancel leaves the target untouched.
            cancelCheck.run();
            out.commit();
        }
    }

    /** Checks, before a long run, that {@link #write} will accept the folder. */
    static void check(final Path folder, final SaveOptions options) throws IOException {
        OutputFolder.check(folder, options.inputs(), options.overwrite());
    }

    /** The folder a model was loaded from, which saving must not replace. */
    private static Optional<Path> sourceFolder(final BertModel model) {
        try {
            final Path source = Path.of(model.source());
            return Files.exists(source) ? Optional.of(Files.isDirectory(source) ? source : source.getParent())
                : Optional.empty();
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }

    private static boolean isEncoderWeight(final String name) {
        return name.startsWith("embeddings.") || name.startsWith("encoder.") || name.startsWith("pooler.");
    }

    /** The transformers class that loads these heads. */
    static String architecture(final BertHeads heads) {
        if (heads.hasClassifier()) {
            return "BertForSequenceClassification";
        }
        if (heads.hasQuestionAnswering()) {
            return "BertForQuestionAnswering";
        }
        if (heads.hasMaskedLm()) {
            return "BertForMaskedLM";
        }
        return "BertModel";
    }
}
