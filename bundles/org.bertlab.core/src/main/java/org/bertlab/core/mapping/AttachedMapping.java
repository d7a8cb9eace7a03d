package org.bertlab.core.mapping;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.bertlab.core.model.BertModel;
import org.bertlab.core.model.TrainableModel;

/**
 * The cross-discipline token mapping a model carries as the attachment {@value TokenMappingFile#FILE_NAME}:
 * training and prediction both turn raw sequences into vocabulary tokens through it, so a saved model is applied
 * to new sequences exactly as it was trained.
 */
public final class AttachedMapping {

    private AttachedMapping() {
    }

    /** The model's mapping, if it has one. */
    public static Optional<TokenMapping> of(final BertModel model) {
        final byte[] bytes = model.attachments().get(TokenMappingFile.FILE_NAME);
        if (bytes == null) {
            return Optional.empty();
        }
        try {
            final Path file = Files.createTempFile("token_mapping", ".tsv");
            try {
                Files.write(file, bytes);
                return Optional.of(TokenMappingFile.read(file));
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the model's " + TokenMappingFile.FILE_NAME + ": "
                + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the model's " + TokenMappingFile.FILE_NAME + " is invalid: "
                + e.getMessage(), e);
        }
    }

    /** Attaches the mapping, so {@link BertModel#save} writes it beside the weights. */
    public static void attach(final TrainableModel model, final TokenMapping mapping) {
        try {
            final Path file = Files.createTempFile("token_mapping", ".tsv");
            try {
                TokenMappingFile.write(mapping, file);
                model.attach(TokenMappingFile.FILE_NAME, Files.readAllBytes(file));
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
