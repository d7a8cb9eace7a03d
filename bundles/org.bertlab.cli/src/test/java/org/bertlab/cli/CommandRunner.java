package org.bertlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.lang3.StringUtils;
import org.bertlab.core.encoder.BertConfig;
import org.bertlab.core.model.BertModel;
import org.bertlab.core.model.LoadOptions;
import org.bertlab.core.model.ModelLoader;
import org.bertlab.core.tokenize.BertTokenizer;

/** Runs commands in this JVM as a user would type them, and builds a tiny model folder for them. */
final class CommandRunner {

    /** Exit code and what the command printed. */
    record Result(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\nout: " + out + "\nerr: " + err;
        }
    }

    private CommandRunner() {
    }

    static Result run(final String... args) {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    /** The command failed with exit code 1 and one line of error naming every expected part, no stack trace. */
    static void assertRefused(final Result r, final String... why) {
        assertEquals(1, r.code(), r.toString());
        for (final String w : why) {
            assertTrue(r.err().contains(w), "'" + w + "' in " + r);
        }
        assertFalse(r.err().contains("Exception"), r.toString());
        assertEquals(1, StringUtils.countMatches(r.err().strip(), '\n') + 1, "one line: " + r);
    }

    /** A random 2-layer BERT (hidden 32) over a small English vocabulary, saved as a model folder. */
    static Path tinyModel(final Path folder) throws IOException {
        final List<String> vocab = new ArrayList<>(List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"));
        for (char c = 'a'; c <= 'z'; c++) {
            vocab.add(String.valueOf(c));
            vocab.add("##" + c);
        }
        vocab.addAll(List.of("the", "cat", "sat", "on", "mat", "dog", "runs", ".", ","));
        final Path tokenizerFolder = Files.createDirectories(folder.resolveSibling(folder.getFileName() + "-vocab"));
        Files.write(tokenizerFolder.resolve("vocab.txt"), vocab, StandardCharsets.UTF_8);
        try (BertTokenizer tokenizer = BertTokenizer.fromFolder(tokenizerFolder, true, 32);
            BertModel model = ModelLoader.createRandom(BertConfig.of(vocab.size(), 32, 2, 4, 64, 32), tokenizer,
                LoadOptions.DEFAULT, 7)) {
            model.save(folder);
        }
        return folder;
    }
}
