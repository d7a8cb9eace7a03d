package org.bertlab.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.stream.Stream;

import org.bertlab.core.model.BertModel;
import org.bertlab.core.model.LoadOptions;
import org.bertlab.core.model.ModelLoader;
import org.bertlab.core.model.SaveOptions;
import org.bertlab.core.testing.TestModels;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Saving a model never destroys what the engine did not write (docs/your-files.md). */
class ModelSaveSafetyTest {

    private static BertModel model;

    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    @BeforeAll
    static void tinyModel() {
        model = TestModels.tinyRandom(shared.resolve("vocab"), 3);
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @AfterEach
    void noStagingLeft() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            assertEquals(List.of(), files.filter(p -> p.getFileName().toString().endsWith(".saving")
                || p.getFileName().toString().endsWith(".part")).toList());
        }
    }

    private static List<String> names(final Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void savesANewFolderWithTheListOfItsFilesAndLoadsIt() throws Exception {
        final Path out = dir.resolve("new/model");
        model.save(out);
        assertEquals(List.of(OutputFolder.MARKER, "config.json", "model.safetensors", "tokenizer.json",
            "tokenizer_config.json", "vocab.txt"), names(out));
        assertEquals(List.of("config.json", "model.safetensors", "tokenizer.json", "tokenizer_config.json",
            "vocab.txt"), List.copyOf(OutputFolder.readMarker(out)));
        try (BertModel loaded = ModelLoader.load(out, LoadOptions.DEFAULT)) {
            assertEquals(model.config(), loaded.config());
        }
    }

    @Test
    void refusesAFolderHoldingSomeoneElsesFilesAndLeavesThemAlone() throws IOException {
        final Path out = Files.createDirectories(dir.resolve("work"));
        Files.writeString(out.resolve("thesis.tex"), "years of work");
        Files.writeString(out.resolve("config.json"), "{\"mine\": true}");
        final OutputRefusedException e = assertThrows(OutputRefusedException.class, () -> model.save(out));
        assertTrue(e.getMessage().contains("did not write") && e.getMessage().contains("allow overwrite"),
            e.getMessage());
        assertTrue(e.render(id -> "--" + id).contains("allow --overwrite"), e.render(id -> "--" + id));
        assertEquals(List.of("config.json", "thesis.tex"), names(out));
        assertEquals("{\"mine\": true}", Files.readString(out.resolve("config.json")));
    }

    @Test
    void overwriteReplacesOnlyTheModelsOwnFiles() throws Exception {
        final Path out = Files.createDirectories(dir.resolve("work"));
        Files.writeString(out.resolve("thesis.tex"), "years of work");
        Files.writeString(out.resolve("config.json"), "{\"mine\": true}");
        model.save(out, SaveOptions.DEFAULT.withOverwrite(true));
        assertEquals("years of work", Files.readString(out.resolve("thesis.tex")));
        try (BertModel loaded = ModelLoader.load(out, LoadOptions.DEFAULT)) {
            assertEquals(model.config(), loaded.config());
        }
    }

    @Test
    void savingAgainReplacesItsOwnFilesRemovesItsStaleOnesAndKeepsTheUsers() throws Exception {
        final Path out = dir.resolve("model");
        model.save(out, SaveOptions.DEFAULT.withExtraFile("training_statistics.tsv", "epoch\n1\n".getBytes(
            StandardCharsets.UTF_8)));
        assertEquals("epoch\n1\n", Files.readString(out.resolve("training_statistics.tsv")));
        Files.writeString(out.resolve("notes.txt"), "my notes");
        final long before = Files.size(out.resolve("model.safetensors"));
        model.save(out);
        assertEquals(before, Files.size(out.resolve("model.safetensors")));
        assertEquals("my notes", Files.readString(out.resolve("notes.txt")));
        assertFalse(Files.exists(out.resolve("training_statistics.tsv")), "written by the first save only");
    }

    @Test
    void aListNamingPathsOutsideTheFolderRemovesNothingThere() throws IOException {
        final Path out = dir.resolve("model");
        model.save(out);
        final Path outside = Files.writeString(dir.resolve("victim.txt"), "keep");
        Files.writeString(out.resolve(OutputFolder.MARKER), "../victim.txt\n/etc/passwd\nconfig.json\n");
        model.save(out);
        assertEquals("keep", Files.readString(outside));
    }

    @Test
    void refusesAFileAnEmptyNameAndTheFolderTheModelCameFrom() throws Exception {
        final Path train = Files.writeString(dir.resolve("train.tsv"), "text\tlabel\n");
        assertThrows(OutputRefusedException.class, () -> model.save(train));
        assertEquals("text\tlabel\n", Files.readString(train));
        assertThrows(OutputRefusedException.class, () -> model.save(Path.of("")));
        final Path saved = dir.resolve("saved");
        model.save(saved);
        try (BertModel loaded = ModelLoader.load(saved, LoadOptions.DEFAULT)) {
            final OutputRefusedException e = assertThrows(OutputRefusedException.class, () -> loaded.save(saved));
            assertTrue(e.getMessage().contains("input"), e.getMessage());
            final Path other = Files.createDirectories(dir.resolve("other"));
            assertThrows(OutputRefusedException.class, () -> model.save(other, SaveOptions.DEFAULT.withInputs(other)));
        }
    }

    @Test
    void aCancelDuringTheSaveRemovesWhatWasWrittenAndLeavesTheFolderAsItWas() throws IOException {
        final Path out = dir.resolve("model");
        model.save(out);
        Files.writeString(out.resolve("notes.txt"), "my notes");
        final byte[] weights = Files.readAllBytes(out.resolve("model.safetensors"));
        for (int cancelAt = 1; cancelAt <= 3; cancelAt++) {
            final CancelAt progress = new CancelAt(cancelAt);
            assertThrows(CancellationException.class,
                () -> model.save(out, SaveOptions.DEFAULT, progress), "cancel at check " + cancelAt);
            assertEquals(cancelAt, progress.checks);
            assertEquals(List.of(OutputFolder.MARKER, "config.json", "model.safetensors", "notes.txt",
                "tokenizer.json", "tokenizer_config.json", "vocab.txt"), names(out));
            assertArrayEquals(weights, Files.readAllBytes(out.resolve("model.safetensors")));
            assertEquals(List.of("model"), names(dir), "no staging folder beside the model");
            assertEquals(List.of(), Temporaries.live().stream().filter(p -> p.startsWith(dir)).toList());
        }
        final Path fresh = dir.resolve("fresh");
        assertThrows(CancellationException.class, () -> model.save(fresh, SaveOptions.DEFAULT, new CancelAt(3)));
        assertFalse(Files.exists(fresh));
    }

    /** Answers the n-th cancel check with a cancel, as a KNIME node's monitor does once the user cancels. */
    private static final class CancelAt implements Runnable {

        private final int at;

        private int checks;

        CancelAt(final int at) {
            this.at = at;
        }

        @Override
        public void run() {
            if (++checks == at) {
                throw new CancellationException("cancelled at check " + at);
            }
        }
    }

    @Test
    void checkRefusesBeforeAnyWork() throws IOException {
        final Path out = Files.createDirectories(dir.resolve("work"));
        Files.writeString(out.resolve("data.csv"), "1,2");
        assertThrows(OutputRefusedException.class, () -> BertModel.checkSaveTarget(out, SaveOptions.DEFAULT));
        BertModel.checkSaveTarget(out, SaveOptions.DEFAULT.withOverwrite(true));
        BertModel.checkSaveTarget(dir.resolve("new"), SaveOptions.DEFAULT);
        assertFalse(Files.exists(dir.resolve("new")));
    }

    @Test
    void writesThroughAFolderSymlinkAndRefusesToReplaceALinkInside() throws IOException {
        final Path real = Files.createDirectories(dir.resolve("real"));
        final Path link = Files.createSymbolicLink(dir.resolve("link"), real);
        model.save(link);
        assertTrue(Files.isSymbolicLink(link));
        assertTrue(Files.isRegularFile(real.resolve("model.safetensors")));

        final Path out = Files.createDirectories(dir.resolve("linked"));
        final Path precious = Files.writeString(dir.resolve("precious.json"), "{}");
        Files.createSymbolicLink(out.resolve("config.json"), precious);
        final OutputRefusedException e = assertThrows(OutputRefusedException.class,
            () -> model.save(out, SaveOptions.DEFAULT.withOverwrite(true)));
        assertTrue(e.getMessage().contains("not a regular file"), e.getMessage());
        assertTrue(Files.isSymbolicLink(out.resolve("config.json")));
        assertEquals("{}", Files.readString(precious));
    }

    @Test
    void savedFoldersAndFilesFollowTheUmask() throws IOException {
        final Path reference = Files.createDirectory(dir.resolve("reference"));
        final Path referenceFile = Files.createFile(dir.resolve("reference.txt"));
        final Path out = dir.resolve("model");
        model.save(out);
        assertEquals(Files.getPosixFilePermissions(reference), Files.getPosixFilePermissions(out));
        assertEquals(Files.getPosixFilePermissions(referenceFile),
            Files.getPosixFilePermissions(out.resolve("model.safetensors")));
        assertEquals(Files.getPosixFilePermissions(referenceFile),
            Files.getPosixFilePermissions(out.resolve("config.json")));
    }

    @Test
    void aReadOnlyParentIsNamed() throws Exception {
        final Path parent = Files.createDirectories(dir.resolve("locked"));
        ReadOnly.make(parent);
        try {
            final OutputRefusedException e = assertThrows(OutputRefusedException.class,
                () -> model.save(parent.resolve("model")));
            assertTrue(e.getMessage().contains(parent.toString()) && !e.getMessage().contains(".saving"),
                e.getMessage());
        } finally {
            ReadOnly.undo(parent);
        }
    }
}
