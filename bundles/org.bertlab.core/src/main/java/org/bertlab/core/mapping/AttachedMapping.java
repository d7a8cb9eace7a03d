package org.bertlab.core.mapping;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.bertlab.core.io.TextLines;
import org.bertlab.core.model.BertModel;
import org.bertlab.core.model.TrainableModel;

/**
 * The cross-discipline token mapping a model carries as the attachment {@value TokenMappingFile#FILE_NAME}:
 * training and prediction both turn raw sequences into vocabulary tokens through it, so a saved model is applied
 * to new sequences exactly as it was trained. The attachment holds the file's text; it is read and written in memory.
 */
public final class AttachedMapping {

    /** Names the attachment in messages. */
    private static final String SOURCE = "the model's " + TokenMappingFile.FILE_NAME;

    private AttachedMapping() {
    }

    /**
     * The model's mapping, if it has one.
     *
     * @throws IllegalArgumentException naming the line of the attachment that is invalid
     */
    public static Optional<TokenMapping> of(final BertModel model) {
        final byte[] bytes = model.attachments().get(TokenMappingFile.FILE_NAME);
        if (bytes == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(TokenMappingFile.parse(TextLines.readAll(new ByteArrayInputStream(bytes), SOURCE),
                SOURCE));
        } catch (IOException e) {
            throw new UncheckedIOException(SOURCE + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** Attaches the mapping, so {@link BertModel#save} writes it beside the weights. */
    public static void attach(final TrainableModel model, final TokenMapping mapping) {
        model.attach(TokenMappingFile.FILE_NAME, TokenMappingFile.format(mapping).getBytes(StandardCharsets.UTF_8));
    }
}
