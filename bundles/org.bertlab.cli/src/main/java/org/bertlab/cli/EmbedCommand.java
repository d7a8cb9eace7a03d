package org.bertlab.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;

import org.bertlab.core.embed.EmbeddingOptions;
import org.bertlab.core.embed.LayerSelection;
import org.bertlab.core.embed.Pooling;
import org.bertlab.core.embed.TextInput;
import org.bertlab.core.embed.TokenEmbedder;
import org.bertlab.core.embed.TokenVectors;
import org.bertlab.core.io.TextLines;
import org.bertlab.core.model.BertModel;
import org.bertlab.core.runtime.Progress;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code bertlab embed}: per-token or pooled vectors of every line of a text file, as TSV. */
@Command(name = "embed", mixinStandardHelpOptions = true,
    description = "Embed one text per input line (UTF-8) and write the vectors as TSV.")
final class EmbedCommand implements Callable<Integer> {

    @Mixin
    ModelOptions model;

    @Spec
    CommandSpec spec;

    @Option(names = "--input", required = true, paramLabel = "FILE", description = "One text per line, UTF-8.")
    Path input;

    @Option(names = "--output", required = true, paramLabel = "FILE.tsv", description = "TSV file to write.")
    Path output;

    @Option(names = "--layers", defaultValue = "all", paramLabel = "all|last|0,4",
        description = "Layers to output; 0 is the embedding output (default: all).")
    String layers;

    @Option(names = "--pool", defaultValue = "none", paramLabel = "none|cls|mean|max",
        description = "none: one row per token; otherwise one row per text and layer (default: none).")
    String pool;

    @Option(names = "--batch", defaultValue = "32", paramLabel = "N", description = "Texts per batch (default: 32).")
    int batch;

    @Option(names = "--no-special", description = "Leave out [CLS], [SEP] and other special tokens.")
    boolean noSpecial;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(input)) {
            throw new NoSuchFileException(input + ": input file not found");
        }
        final List<Path> inputs = Outputs.of(input, model.model);
        Outputs.check(inputs, output);
        final Pooling pooling = Pooling.parse(pool);
        try (BertModel m = model.load(); TextLines reader = TextLines.open(input)) {
            final EmbeddingOptions options = EmbeddingOptions.builder()
                .layers(LayerSelection.parse(layers, m.config().numLayers())).pooling(pooling).batchSize(batch)
                .includeSpecialTokens(!noSpecial).build();
            final TokenEmbedder embedder = new TokenEmbedder(m, options);
            final Iterator<TextInput> lines = new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return reader.hasNext();
                }

                @Override
                public TextInput next() {
                    return TextInput.of(reader.next());
                }
            };
            final long[] rows = {0};
            if (pooling == Pooling.NONE) {
                try (Tsv tsv = new Tsv(output, List.of("text_index", "token_index", "token", "token_id", "start",
                    "end", "layer", "vector"), inputs)) {
                    embedder.embedTokens(lines, v -> writeTokens(tsv, v, rows), Progress.NONE);
                    tsv.commit();
                }
            } else {
                try (Tsv tsv = new Tsv(output, List.of("text_index", "layer", "vector"), inputs)) {
                    embedder.embedPooled(lines, v -> {
                        for (int l = 0; l < v.layers().length; l++) {
                            write(tsv, v.index(), v.layers()[l], Tsv.vector(v.vectors()[l]));
                            rows[0]++;
                        }
                    }, Progress.NONE);
                    tsv.commit();
                }
            }
            TruncationNote.print(spec.commandLine().getErr(), embedder.truncatedTexts(), m.tokenizer().maxLength(),
                "their vectors describe the first " + m.tokenizer().maxLength() + " tokens only");
            spec.commandLine().getOut().printf("wrote %d rows to %s%n", rows[0], output);
        }
        return 0;
    }

    private static void writeTokens(final Tsv tsv, final TokenVectors v, final long[] rows) {
        for (int l = 0; l < v.layers().length; l++) {
            for (int k = 0; k < v.tokenCount(); k++) {
                final int t = v.tokenIndices()[k];
                write(tsv, v.index(), t, v.encoding().tokens()[t], v.encoding().ids()[t], v.encoding().starts()[t],
                    v.encoding().ends()[t], v.layers()[l], Tsv.vector(v.vectors()[l][k]));
                rows[0]++;
            }
        }
    }

    private static void write(final Tsv tsv, final Object... values) {
        try {
            tsv.row(values);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
