package org.bertlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.bertlab.cli.CommandRunner.Result;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every command's outputs follow the rules of docs/your-files.md; run as a user types them. */
class OutputSafetyCommandTest extends TinyModelCommandTest {

    @AfterEach
    void noTemporariesLeft() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            assertEquals(List.of(), files.map(p -> p.getFileName().toString())
                .filter(n -> n.endsWith(".part") || n.endsWith(".saving")).toList());
        }
    }

    private Path texts() throws IOException {
        return Files.writeString(dir.resolve("texts.txt"), "the cat sat on the mat\nthe dog runs\n");
    }

    private static void refused(final Result r, final String... why) {
        CommandRunner.assertRefused(r, why);
    }

    @Test
    void embedRefusesToOverwriteItsInput() throws IOException {
        final Path input = texts();
        refused(CommandRunner.run("embed", "--model", model.toString(), "--input", input.toString(), "--output",
            input.toString(), "--pool", "mean"), "also an input");
        assertEquals("the cat sat on the mat\nthe dog runs\n", Files.readString(input));
    }

    @Test
    void embedRefusesAFileInsideTheModelFolderAndAnEmptyName() throws IOException {
        final Path input = texts();
        final byte[] weights = Files.readAllBytes(model.resolve("model.safetensors"));
        refused(CommandRunner.run("embed", "--model", model.toString(), "--input", input.toString(), "--output",
            model.resolve("model.safetensors").toString()), "inside the input folder");
        assertTrue(java.util.Arrays.equals(weights, Files.readAllBytes(model.resolve("model.safetensors"))));
        refused(CommandRunner.run("embed", "--model", model.toString(), "--input", input.toString(), "--output",
            ""), "empty");
    }

    @Test
    void embedWritesThroughASymlink() throws IOException {
        final Path real = Files.writeString(dir.resolve("real.tsv"), "old");
        final Path link = Files.createSymbolicLink(dir.resolve("vectors.tsv"), real);
        final Result r = CommandRunner.run("embed", "--model", model.toString(), "--input", texts().toString(),
            "--output", link.toString(), "--pool", "cls", "--layers", "last");
        assertEquals(0, r.code(), r.toString());
        assertTrue(Files.isSymbolicLink(link));
        assertEquals(3, Files.readAllLines(real).size(), "a header and one row per text");
    }

    @Test
    void predictAndMrrRefuseToOverwriteTheirInputs() throws IOException {
        final Path table = Files.writeString(dir.resolve("table.tsv"), "text\nthe cat\n");
        refused(CommandRunner.run("predict", "--model", model.toString(), "--input", table.toString(), "--output",
            table.toString()), "also an input");
        assertEquals("text\nthe cat\n", Files.readString(table));
        final Path dictionary = Files.writeString(dir.resolve("dict.txt"), "cat\tdog\n");
        refused(CommandRunner.run("mrr", "--model", model.toString(), "--dictionary", dictionary.toString(),
            "--mode", "static", "--output", dictionary.toString()), "also an input");
        assertEquals("cat\tdog\n", Files.readString(dictionary));
        refused(CommandRunner.run("mrr", "--model", model.toString(), "--dictionary", dictionary.toString(),
            "--mode", "static", "--output", dir.resolve("a.tsv").toString(), "--ranks",
            dir.resolve("a.tsv").toString()), "two outputs");
    }

    @Test
    void experimentsCheckTheirOutputBeforeTheyRun() {
        // A refused output is reported before any model loads or trains (no "done:" line of a finished run).
        for (final String experiment : List.of("zero-shot", "zero-shot-qa", "cross-discipline", "artificial")) {
            final Result r = CommandRunner.run("experiment", experiment, "--output", "/dev/null");
            refused(r, "special file");
            assertFalse(r.err().contains("done:"), r.toString());
        }
    }

    @Test
    void corpusRefusesDevicesAndFifos() throws Exception {
        refused(CommandRunner.run("corpus", "--kind", "uniform", "--count", "10", "--output", "/dev/null"),
            "special file");
        final Path fifo = dir.resolve("pipe");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        refused(CommandRunner.run("corpus", "--kind", "uniform", "--count", "10", "--output", fifo.toString()),
            "special file");
        assertFalse(Files.isRegularFile(fifo));
    }

    @Test
    void corpusRefusesAnOversizedCorpusUnlessForced() throws IOException {
        final Path out = dir.resolve("huge.txt");
        refused(CommandRunner.run("corpus", "--kind", "uniform", "--count", "2147483647", "--output",
            out.toString()), "--force");
        assertFalse(Files.exists(out));
        final Result small = CommandRunner.run("corpus", "--kind", "uniform", "--count", "50", "--output",
            out.toString());
        assertEquals(0, small.code(), small.toString());
        assertEquals(50, Files.readAllLines(out).size());
    }

    @Test
    void finetuneNeverDeletesAFolderOrATrainingFile() throws IOException {
        final Path train = Files.writeString(dir.resolve("train.tsv"), "the cat sat\nthe dog runs\n");
        final Path work = Files.createDirectories(dir.resolve("work"));
        Files.writeString(work.resolve("thesis.tex"), "years of work");
        final String[] common = {"finetune", "--task", "pretrain", "--train", train.toString(), "--epochs", "1",
            "--layers", "1", "--hidden", "16", "--heads", "2", "--vocab", "30", "--max-length", "16", "--quiet",
            "--validation-fraction", "0"};
        refused(run(common, "--output", work.toString()), "did not write");
        assertEquals(List.of("thesis.tex"), list(work));
        refused(run(common, "--output", ""), "empty");
        refused(run(common, "--output", train.toString()), "is a file");
        assertEquals("the cat sat\nthe dog runs\n", Files.readString(train));

        final Result r = run(common, "--output", work.toString(), "--overwrite");
        assertEquals(0, r.code(), r.toString());
        assertEquals("years of work", Files.readString(work.resolve("thesis.tex")));
        assertTrue(Files.isRegularFile(work.resolve("model.safetensors")));
        assertTrue(Files.readString(work.resolve("training_statistics.tsv")).startsWith("epoch\tsteps"));
        final Result again = run(common, "--output", work.toString());
        assertEquals(0, again.code(), "the folder now lists the model's files: " + again);
        assertEquals("years of work", Files.readString(work.resolve("thesis.tex")));
    }

    @Test
    void invalidUtf8InAnInputNamesFileAndLine() throws IOException {
        final Path input = dir.resolve("texts.txt");
        Files.write(input, new byte[] {'o', 'k', '\n', 'b', 'a', (byte)0xC3, '(', '\n'});
        final Result r = CommandRunner.run("embed", "--model", model.toString(), "--input", input.toString(),
            "--output", dir.resolve("v.tsv").toString(), "--pool", "mean");
        refused(r, input + ", line 2: not valid UTF-8");
        final Path table = dir.resolve("table.tsv");
        Files.write(table, new byte[] {'t', 'e', 'x', 't', '\n', (byte)0xFF, '\n'});
        refused(CommandRunner.run("predict", "--model", model.toString(), "--input", table.toString(), "--output",
            dir.resolve("p.tsv").toString()), table + ", line 2: not valid UTF-8");
    }

    @Test
    void layersListingNoLayerIsRefused() throws IOException {
        refused(CommandRunner.run("embed", "--model", model.toString(), "--input", texts().toString(), "--output",
            dir.resolve("v.tsv").toString(), "--layers", ","), "lists no layer");
    }

    private static Result run(final String[] common, final String... more) {
        final String[] all = java.util.Arrays.copyOf(common, common.length + more.length);
        System.arraycopy(more, 0, all, common.length, more.length);
        return CommandRunner.run(all);
    }

    private static List<String> list(final Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
