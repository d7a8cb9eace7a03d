package org.bertlab.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.bertlab.cli.CommandRunner.Result;
import org.junit.jupiter.api.Test;

/**
 * Every command run in this JVM as a user types it, on the tiny random model (the demo and the zero-shot experiment
 * on the embedded model they are made for; the other experiments take minutes and are in docs/experiments.md):
 * exit code 0, and the files it writes have the rows and columns its help promises.
 */
class CommandsTest extends TinyModelCommandTest {

    private static final int HIDDEN = 32;

    private static final int LAYERS = 2;

    private static Result ok(final String... args) {
        final Result r = CommandRunner.run(args);
        assertEquals(0, r.code(), r.toString());
        return r;
    }

    private Path file(final String name, final String... lines) throws IOException {
        return Files.write(dir.resolve(name), List.of(lines), StandardCharsets.UTF_8);
    }

    /** Rows of a TSV file, header first, each split at tabs. */
    private static List<String[]> tsv(final Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> !l.startsWith("#"))
            .map(l -> l.split("\t", -1)).toList();
    }

    private static int column(final String[] header, final String name) {
        final int c = Arrays.asList(header).indexOf(name);
        assertTrue(c >= 0, name + " in " + Arrays.toString(header));
        return c;
    }

    @Test
    void infoDescribesTheModel() {
        final Result r = ok("info", "--model", model.toString());
        assertTrue(r.out().contains(String.valueOf(HIDDEN)), r.out());
        assertTrue(r.out().toLowerCase().contains("layers"), r.out());
    }

    @Test
    void embedWritesOneMeanVectorPerTextAndLayer() throws IOException {
        final Path texts = file("texts.txt", "the cat sat on the mat", "the dog runs", "a cat");
        final Path out = dir.resolve("vectors.tsv");
        final Result r = ok("embed", "--model", model.toString(), "--input", texts.toString(), "--output",
            out.toString(), "--layers", "0," + LAYERS, "--pool", "mean");
        assertTrue(r.out().contains("wrote 6 rows"), r.out());
        final List<String[]> rows = tsv(out);
        assertEquals(1 + 3 * 2, rows.size(), "header, then 3 texts x 2 layers");
        final int vector = column(rows.get(0), "vector");
        for (final String[] row : rows.subList(1, rows.size())) {
            final String[] values = row[vector].split(" ");
            assertEquals(HIDDEN, values.length, Arrays.toString(row));
            assertTrue(Arrays.stream(values).allMatch(CommandsTest::isNumber), Arrays.toString(row));
        }
        // the same command again gives the same file
        final Path again = dir.resolve("again.tsv");
        ok("embed", "--model", model.toString(), "--input", texts.toString(), "--output", again.toString(),
            "--layers", "0," + LAYERS, "--pool", "mean");
        assertArrayEquals(Files.readAllBytes(out), Files.readAllBytes(again));
    }

    @Test
    void mrrWritesEveryLayerAndDirectionWithRanksAndAChart() throws IOException {
        final Path dictionary = file("dict.txt", "cat\tdog", "mat\truns", "sat\ton");
        final Path out = dir.resolve("mrr.tsv");
        final Path ranks = dir.resolve("ranks.tsv");
        final Path chart = dir.resolve("mrr.png");
        ok("mrr", "--model", model.toString(), "--dictionary", dictionary.toString(), "--mode", "isolated",
            "--output", out.toString(), "--ranks", ranks.toString(), "--chart", chart.toString());
        final List<String[]> rows = tsv(out);
        assertEquals(1 + (LAYERS + 1) * 2, rows.size(), "header, then layers 0-2 x 2 directions");
        final int mrr = column(rows.get(0), "mrr");
        for (final String[] row : rows.subList(1, rows.size())) {
            final double value = Double.parseDouble(row[mrr]);
            // three candidates: a reciprocal rank is 1, 1/2 or 1/3
            assertTrue(value >= 1.0 / 3 && value <= 1, Arrays.toString(row));
        }
        assertEquals(1 + 3 * (LAYERS + 1) * 2, tsv(ranks).size(), "one rank per pair, layer and direction");
        final byte[] png = Files.readAllBytes(chart);
        assertEquals('P', png[1]);
        assertEquals('N', png[2]);
    }

    @Test
    void offsetWritesLayersTranslationsAndDecodedWords() throws IOException {
        final Path en = file("en.txt", "the cat sat on the mat", "the dog runs", "a cat runs");
        final Path other = file("other.txt", "on the mat", "dog sat", "the mat runs");
        final Path dictionary = file("dict.txt", "cat\tmat", "dog\truns");
        final Path out = dir.resolve("offset.tsv");
        final Path translations = dir.resolve("translations.tsv");
        final Path decoded = dir.resolve("decoded.tsv");
        ok("offset", "--model", model.toString(), "--source-corpus", en.toString(), "--target-corpus",
            other.toString(), "--dictionary", dictionary.toString(), "--top-k", "3", "--output", out.toString(),
            "--translations", translations.toString(), "--decoded", decoded.toString());
        assertEquals(1 + LAYERS + 1, tsv(out).size(), "header, then layers 0-2");
        assertTrue(tsv(translations).size() > 1, "translations listed");
        assertTrue(tsv(decoded).size() > 1, "the tiny model has a masked-LM head, so words are decoded");
    }

    @Test
    void corpusIsSeededAndWithinItsVocabulary() throws IOException {
        final Path a = dir.resolve("a.txt");
        final Path b = dir.resolve("b.txt");
        final Path c = dir.resolve("c.txt");
        final Result r = ok("corpus", "--kind", "zipf", "--vocab", "20", "--count", "50", "--seed", "3", "--output",
            a.toString());
        assertTrue(r.out().contains("wrote 50"), r.out());
        ok("corpus", "--kind", "zipf", "--vocab", "20", "--count", "50", "--seed", "3", "--output", b.toString());
        ok("corpus", "--kind", "zipf", "--vocab", "20", "--count", "50", "--seed", "4", "--output", c.toString());
        final List<String> lines = Files.readAllLines(a);
        assertEquals(50, lines.size());
        for (final String line : lines) {
            for (final String id : line.split(" ")) {
                final int token = Integer.parseInt(id);
                assertTrue(token >= 0 && token < 20, line);
            }
        }
        assertEquals(lines, Files.readAllLines(b), "same seed, same corpus");
        assertFalse(lines.equals(Files.readAllLines(c)), "another seed, another corpus");
    }

    @Test
    void finetuneSavesAClassifierThatPredictWrites() throws IOException {
        final List<String> train = new ArrayList<>(List.of("text\tlabel"));
        for (int i = 0; i < 10; i++) {
            train.add("the cat sat on the mat\tcat");
            train.add("the dog runs\tdog");
        }
        final Path table = Files.write(dir.resolve("train.tsv"), train);
        final Path trained = dir.resolve("classifier");
        ok("finetune", "--task", "classify", "--model", model.toString(), "--train", table.toString(), "--epochs",
            "2", "--learning-rate", "1e-3", "--quiet", "--output", trained.toString());
        final Set<String> files = Files.list(trained).map(p -> p.getFileName().toString())
            .collect(Collectors.toSet());
        assertTrue(files.containsAll(Set.of("config.json", "model.safetensors")), files.toString());

        final Path input = file("in.tsv", "text", "the cat sat", "the dog runs", "mat");
        final Path predictions = dir.resolve("predictions.tsv");
        final Result r = ok("predict", "--model", trained.toString(), "--input", input.toString(), "--output",
            predictions.toString());
        assertTrue(r.out().contains("wrote 3 predictions"), r.out());
        final List<String[]> rows = tsv(predictions);
        assertEquals(4, rows.size());
        final int label = column(rows.get(0), "prediction");
        for (final String[] row : rows.subList(1, rows.size())) {
            assertTrue(Set.of("cat", "dog").contains(row[label]), Arrays.toString(row));
        }
    }

    @Test
    void pretrainBuildsANewModelFromACorpusFile() throws IOException {
        final Path corpus = dir.resolve("corpus.txt");
        ok("corpus", "--kind", "nested", "--vocab", "12", "--count", "60", "--min-length", "6", "--max-length", "12",
            "--seed", "1", "--output", corpus.toString());
        final Path trained = dir.resolve("pre");
        ok("finetune", "--task", "pretrain", "--train", corpus.toString(), "--epochs", "1", "--hidden", "32",
            "--layers", "1", "--heads", "4", "--max-length", "16", "--quiet", "--output", trained.toString());
        final Result info = ok("info", "--model", trained.toString());
        assertTrue(info.out().contains("32"), info.out());
    }

    @Test
    void zeroShotExperimentPrintsAndWritesItsTable() throws IOException {
        // on the embedded model (the tiny one's vocabulary has no Chinese): three rows, two short fine-tunings
        final Path report = dir.resolve("zero-shot.tsv");
        final Result r = ok("experiment", "zero-shot", "--output", report.toString());
        final String text = Files.readString(report);
        assertTrue(r.out().contains(text.strip()), "the file is what was printed");
        assertTrue(text.contains("model\tseed\tfinal train loss\tEnglish test accuracy\tChinese test accuracy"), text);
        assertTrue(text.contains("\nmajority class\t7\t") && text.contains("\nfine-tuned on English\t7\t")
            && text.contains("\nfine-tuned on Chinese\t7\t"), text);
        assertTrue(text.contains("# runtime: PyTorch"), text);
    }

    @Test
    void demoWritesItsFiveTablesOnTheEmbeddedModel() throws IOException {
        final Path out = dir.resolve("demo");
        final Result r = ok("demo", "--output-dir", out.toString());
        for (final String name : List.of("mrr.tsv", "mrr-centred.tsv", "ranks.tsv", "offset.tsv",
            "translations.tsv")) {
            assertTrue(tsv(out.resolve(name)).size() > 1, name + " has rows");
        }
        assertTrue(r.out().contains("layer  en->zh"), r.out());
    }

    private static boolean isNumber(final String s) {
        try {
            Double.parseDouble(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
