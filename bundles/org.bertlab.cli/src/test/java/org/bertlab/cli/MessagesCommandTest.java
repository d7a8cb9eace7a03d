package org.bertlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.commons.lang3.StringUtils;
import org.bertlab.cli.CommandRunner.Result;
import org.junit.jupiter.api.Test;

/** Errors and notes that name the problem, and options checked before work starts. */
class MessagesCommandTest extends TinyModelCommandTest {

    private static void refused(final Result r, final String... why) {
        CommandRunner.assertRefused(r, why);
    }

    @Test
    void anArtificialPretrainingBudgetOfNothingIsRefusedBeforeTraining() {
        final Result epochs = CommandRunner.run("experiment", "artificial", "--pretrain-epochs", "0");
        refused(epochs, "--pretrain-epochs", "at least 1, got 0");
        assertFalse(epochs.err().contains("done:"), epochs.toString());
        refused(CommandRunner.run("experiment", "artificial", "--corpus-size", "1"), "--corpus-size",
            "at least 2 sequences", "got 1");
        refused(CommandRunner.run("experiment", "artificial", "--kinds", "flat-pairs,dna"), "--kinds", "'dna'",
            "flat-pairs");
        refused(CommandRunner.run("experiment", "artificial", "--kinds", "nestd"), "--kinds", "'nestd'", "nested");
    }

    @Test
    void aHiddenSizeThatOverflowsIsNamedNotANegativeNumber() throws IOException {
        final Path train = Files.writeString(dir.resolve("train.txt"), "a b c\n");
        final Result r = CommandRunner.run("finetune", "--task", "pretrain", "--train", train.toString(), "--hidden",
            "50000", "--heads", "10", "--output", dir.resolve("out").toString());
        refused(r, "--hidden", "50000", "more than one array holds");
        assertFalse(r.err().contains("-1794967296"), r.toString());
    }

    @Test
    void bf16IsRefusedWithTheAlternativesInsteadOfEndingTheProcess() {
        refused(CommandRunner.run("info", "--model", model.toString(), "--precision", "bf16"), "bf16", "fp16",
            "int8");
    }

    @Test
    void offsetDecodedWithoutAMaskedLmHeadIsRefused() throws IOException {
        final Path en = Files.writeString(dir.resolve("en.txt"), "the cat sat on the mat\n");
        final Path zh = Files.writeString(dir.resolve("zh-long.txt"), "the dog runs\n");
        final Path decoded = dir.resolve("decoded.tsv");
        // The embedded model is an encoder export without the masked-LM head.
        final Result r = CommandRunner.run("offset", "--source-corpus", en.toString(), "--target-corpus",
            zh.toString(), "--output", dir.resolve("offset.tsv").toString(), "--decoded", decoded.toString());
        refused(r, "--decoded needs a model with a masked-LM head");
        assertFalse(Files.exists(decoded));
    }

    @Test
    void textsLongerThanTheModelAreCountedOnce() throws IOException {
        final Path input = Files.writeString(dir.resolve("texts.txt"), "the cat\n" + "the cat sat on the mat "
            .repeat(10) + "\n" + "the dog runs ".repeat(20) + "\n");
        final Result r = CommandRunner.run("embed", "--model", model.toString(), "--max-length", "16", "--input",
            input.toString(), "--output", dir.resolve("v.tsv").toString(), "--pool", "mean", "--layers", "last");
        assertEquals(0, r.code(), r.toString());
        assertEquals(1, StringUtils.countMatches(r.err(), "note: 2 text(s) were longer than 16 tokens"),
            r.toString());
    }

    @Test
    void corpusTextsLongerThanTheModelAreCountedInMrrAndOffset() throws IOException {
        final Path en = Files.writeString(dir.resolve("en-long.txt"), "the cat sat\n" + "the cat sat on the mat "
            .repeat(10) + "\n");
        final Path zh = Files.writeString(dir.resolve("zh-long.txt"), "the dog runs\n"
            + "the dog runs ".repeat(20) + "\n" + "the fish\n");
        final Path dictionary = Files.writeString(dir.resolve("dict.txt"), "cat dog\nsat runs\n");
        final Result mrr = CommandRunner.run("mrr", "--model", model.toString(), "--max-length", "16",
            "--dictionary", dictionary.toString(), "--source-corpus", en.toString(), "--target-corpus",
            zh.toString(), "--output", dir.resolve("mrr.tsv").toString());
        assertEquals(0, mrr.code(), mrr.toString());
        assertEquals(1, StringUtils.countMatches(mrr.err(), "note: 2 text(s) were longer than 16 tokens"),
            mrr.toString());
        final Result offset = CommandRunner.run("offset", "--model", model.toString(), "--max-length", "16",
            "--dictionary", dictionary.toString(), "--source-corpus", en.toString(), "--target-corpus",
            zh.toString(), "--output", dir.resolve("offset.tsv").toString());
        assertEquals(0, offset.code(), offset.toString());
        assertEquals(1, StringUtils.countMatches(offset.err(), "note: 2 text(s) were longer than 16 tokens"),
            offset.toString());
    }

    @Test
    void benchOptionsAreCheckedBeforeAnyWork() {
        refused(CommandRunner.run("bench", "embed", "--texts", "0"), "--texts must lie in 1..");
        refused(CommandRunner.run("bench", "embed", "--min-tokens", "300", "--max-tokens", "200"),
            "--max-tokens must lie in 300..510");
        refused(CommandRunner.run("bench", "train", "--matmul", "100000"), "--matmul");
        refused(CommandRunner.run("bench", "mrr", "--pairs", "-1"), "--pairs");
        refused(CommandRunner.run("bench", "memory", "--max-tokens", "4000"), "--max-tokens");
    }

    @Test
    void aBadWeightLineIsNamed() throws IOException {
        final Path weights = Files.writeString(dir.resolve("w.txt"), "1\nabc\n");
        refused(CommandRunner.run("corpus", "--kind", "unigram", "--vocab", "2", "--weights", weights.toString(),
            "--output", dir.resolve("c.txt").toString()), weights + ", line 2", "not a number");
    }

    @Test
    void outOfMemoryIsOneLineWithTheWayOut() {
        final String line = Main.outOfMemory("embed", new OutOfMemoryError("Java heap space"));
        assertTrue(line.startsWith("bertlab embed: error: out of memory (Java heap space)"), line);
        assertTrue(line.contains("BERTLAB_JAVA_OPTS=-Xmx") && !line.contains("\n"), line);
    }
}
