package org.bertlab.core.model;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.bertlab.core.encoder.BertHeads;
import org.bertlab.core.runtime.DjlRuntime;
import org.bertlab.core.weights.NamedTensor;
import org.bertlab.core.weights.Safetensors;

/**
 * Saves a model as a standard Hugging Face folder that transformers loads unchanged: {@code config.json} (with the
 * architecture class matching the heads present and the label set), {@code model.safetensors} with Hugging Face's
 * tensor names, and the tokenizer files. The folder is written beside the target and moved into place, so a failed
 * save never leaves a half-written model.
 */
public final class ModelWriter {

    /** Files that travel with a model besides the Hugging Face ones. */
    public static final List<String> ATTACHMENT_FILES = List.of("token_mapping.tsv");

    private ModelWriter() {
    }

    static void write(final BertModel model, final Path folder) throws IOException {
        final Path target = folder.toAbsolutePath();
        Files.createDirectories(target.getParent());
        final Path staging = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".saving");
        try {
            final String architecture = architecture(model.heads());
            // Task models carry the encoder under "bert.", as transformers' BertFor* classes name it.
            final boolean prefixed = !"BertModel".equals(architecture);
            final List<NamedTensor> tensors = DjlRuntime.call(() -> model.parameters()
                .toTensors(name -> prefixed && isEncoderWeight(name) ? "bert." + name : name));
            Safetensors.write(staging.resolve("model.safetensors"), tensors, Map.of("saved_by", "BERT Transfer Lab"));
            model.config().write(staging.resolve(BertConfig.FILE_NAME), architecture);
            model.tokenizer().save(staging);
            for (final Map.Entry<String, byte[]> a : model.attachments().entrySet()) {
                Files.write(staging.resolve(a.getKey()), a.getValue());
            }
            replace(staging, target);
        } finally {
            deleteRecursively(staging);
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

    private static void replace(final Path staging, final Path target) throws IOException {
        Path old = null;
        if (Files.exists(target)) {
            old = target.resolveSibling("." + target.getFileName() + ".old" + System.nanoTime());
            Files.move(target, old);
        }
        try {
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(staging, target);
        }
        if (old != null) {
            deleteRecursively(old);
        }
    }

    static void deleteRecursively(final Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (final Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
