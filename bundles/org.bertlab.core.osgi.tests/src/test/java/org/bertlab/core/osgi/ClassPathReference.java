package org.bertlab.core.osgi;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.bertlab.core.embed.EmbeddingOptions;
import org.bertlab.core.embed.PooledVectors;
import org.bertlab.core.embed.TokenEmbedder;
import org.bertlab.core.model.BertModel;
import org.bertlab.core.model.EmbeddedModel;
import org.bertlab.core.model.LoadOptions;
import org.bertlab.core.runtime.DjlRuntime;

/**
 * The reference side of {@link EquinoxEmbeddingIT}: the same engine calls on the plain class path, run in a JVM of
 * its own (DJL's natives bind to one class loader per JVM, so this cannot share a JVM with the OSGi run). Writes the
 * native flavour on the first line, then one line per text and layer: the vector's floats, space separated.
 */
public final class ClassPathReference {

    private ClassPathReference() {
    }

    public static void main(final String[] args) throws Exception {
        final Path out = Path.of(args[0]);
        final List<String> texts = EquinoxEmbeddingIT.TEXTS;
        final StringBuilder text = new StringBuilder(DjlRuntime.nativeFlavour()).append('\n');
        try (BertModel model = EmbeddedModel.load(LoadOptions.DEFAULT)) {
            final List<PooledVectors> pooled = new TokenEmbedder(model, EmbeddingOptions.builder().build())
                .pooled(texts);
            for (final PooledVectors vectors : pooled) {
                text.append(EquinoxEmbeddingIT.format(vectors.vectors()));
            }
        }
        write(out, text.toString());
    }

    private static void write(final Path out, final String text) throws IOException {
        Files.createDirectories(out.getParent());
        Files.writeString(out, text);
    }
}
