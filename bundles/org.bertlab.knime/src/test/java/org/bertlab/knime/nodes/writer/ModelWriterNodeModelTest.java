package org.bertlab.knime.nodes.writer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.bertlab.core.embed.EmbeddingOptions;
import org.bertlab.core.embed.Pooling;
import org.bertlab.core.embed.TokenEmbedder;
import org.bertlab.core.io.OutputFolder;
import org.bertlab.core.io.Temporaries;
import org.bertlab.core.model.BertModel;
import org.bertlab.core.model.LoadOptions;
import org.bertlab.core.model.ModelLoader;
import org.bertlab.knime.nodes.load.LoadBertTesting;
import org.bertlab.knime.port.BertModelPortObject;
import org.bertlab.knime.testing.Models;
import org.bertlab.knime.testing.NodeTesting;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;

/** The writer keeps a user's files: docs/your-files.md, as the KNIME node applies it. */
class ModelWriterNodeModelTest {

    @TempDir
    Path dir;

    @AfterEach
    void noTemporaryLeft() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            assertEquals(List.of(), files.filter(p -> p.getFileName().toString().startsWith(".")).toList(),
                "hidden staging folders or .part files");
        }
        assertEquals(List.of(), Temporaries.live().stream().filter(p -> p.startsWith(dir)).toList());
    }

    /** A writer node with its settings set as the dialog sets them: the folder's path, overwrite ticked or not. */
    private static ModelWriterNodeModel writer(final Path folder, final boolean overwrite) {
        final ModelWriterNodeModel model = new ModelWriterNodeModel();
        model.settings().m_folder.setStringValue(folder.toString());
        model.settings().m_overwrite.setBooleanValue(overwrite);
        return model;
    }

    private static void run(final ModelWriterNodeModel model, final BertModelPortObject port) throws Exception {
        NodeTesting.throughDialog(model, new ModelWriterNodeDialog(), port.getSpec());
        model.configure(new PortObjectSpec[]{port.getSpec()});
        model.execute(new PortObject[]{port}, NodeTesting.exec(new ModelWriterNodeFactory()));
    }

    private static List<String> names(final Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** A folder of someone's work, with a file named like a model file. */
    private Path usersFolder() throws IOException {
        final Path work = Files.createDirectories(dir.resolve("work"));
        Files.writeString(work.resolve("thesis.tex"), "years of work");
        Files.writeString(work.resolve("config.json"), "{\"mine\": true}");
        return work;
    }

    @Test
    void writesAFolderTheLoaderReadsBackAndWritesItAgainWithoutOverwrite() throws Exception {
        final BertModelPortObject port = Models.defaultModel();
        final Path target = dir.resolve("model");
        run(writer(target, false), port);
        assertTrue(Files.isRegularFile(target.resolve("config.json")));
        assertTrue(Files.isRegularFile(target.resolve("model.safetensors")));
        assertTrue(Files.isRegularFile(target.resolve(OutputFolder.MARKER)));

        final EmbeddingOptions options = EmbeddingOptions.builder().pooling(Pooling.MEAN).build();
        try (BertModel written = ModelLoader.load(target, LoadOptions.DEFAULT)) {
            final float[][] expected = new TokenEmbedder(Models.model(port), options).pooled(List.of("鱼")).get(0)
                .vectors();
            final float[][] actual = new TokenEmbedder(written, options).pooled(List.of("鱼")).get(0).vectors();
            for (int l = 0; l < expected.length; l++) {
                assertArrayEquals(expected[l], actual[l], 1e-6f, "layer " + l);
            }
        }

        // a folder the node wrote before is its own: writing again (re-executing the workflow) needs no overwrite,
        // and a file the user put there meanwhile stays
        Files.writeString(target.resolve("notes.txt"), "my notes");
        run(writer(target, false), port);
        assertEquals("my notes", Files.readString(target.resolve("notes.txt")));
    }

    @Test
    void refusesAFolderOfOtherFilesWithoutOverwriteAndLeavesThemUntouched() throws Exception {
        final BertModelPortObject port = Models.defaultModel();
        final Path work = usersFolder();
        final ModelWriterNodeModel model = writer(work, false);
        final InvalidSettingsException e = assertThrows(InvalidSettingsException.class,
            () -> model.configure(new PortObjectSpec[]{port.getSpec()}));
        assertTrue(e.getMessage().startsWith("\"" + ModelWriterSettings.LABEL_FOLDER + "\": " + work), e.getMessage());
        assertTrue(e.getMessage().contains("\"" + ModelWriterSettings.LABEL_OVERWRITE + "\""), e.getMessage());
        assertFalse(e.getMessage().contains("--"), "no command-line flag in a node message: " + e.getMessage());
        // also when the folder filled up between configure and execute
        assertThrows(InvalidSettingsException.class,
            () -> model.execute(new PortObject[]{port}, NodeTesting.exec(new ModelWriterNodeFactory())));
        assertEquals(List.of("config.json", "thesis.tex"), names(work));
        assertEquals("{\"mine\": true}", Files.readString(work.resolve("config.json")));
        assertEquals("years of work", Files.readString(work.resolve("thesis.tex")));
    }

    @Test
    void overwriteReplacesOnlyTheModelsFilesAndKeepsTheUsers() throws Exception {
        final BertModelPortObject port = Models.defaultModel();
        final Path work = usersFolder();
        run(writer(work, true), port);
        assertEquals("years of work", Files.readString(work.resolve("thesis.tex")));
        assertTrue(names(work).containsAll(List.of("config.json", "model.safetensors", "thesis.tex")));
        try (BertModel written = ModelLoader.load(work, LoadOptions.DEFAULT)) {
            assertEquals(Models.model(port).config(), written.config());
        }
    }

    @Test
    void refusesTheFolderTheModelWasLoadedFromEvenWithOverwrite() throws Exception {
        final Path source = dir.resolve("source");
        run(writer(source, false), Models.defaultModel());
        final BertModelPortObject loaded = LoadBertTesting.loadFolder(source);
        final byte[] weights = Files.readAllBytes(source.resolve("model.safetensors"));
        try {
            for (final boolean overwrite : new boolean[]{false, true}) {
                final ModelWriterNodeModel model = writer(source, overwrite);
                final InvalidSettingsException e = assertThrows(InvalidSettingsException.class,
                    () -> model.configure(new PortObjectSpec[]{loaded.getSpec()}), "overwrite " + overwrite);
                assertTrue(e.getMessage().contains("input"), e.getMessage());
                assertThrows(InvalidSettingsException.class,
                    () -> model.execute(new PortObject[]{loaded}, NodeTesting.exec(new ModelWriterNodeFactory())));
            }
            // the model read back from a saved workflow no longer knows its folder; the port's spec still does
            final BertModelPortObject reopened = (BertModelPortObject)NodeTesting.roundTrip(loaded);
            assertThrows(InvalidSettingsException.class,
                () -> writer(source, true).execute(new PortObject[]{reopened},
                    NodeTesting.exec(new ModelWriterNodeFactory())));
        } finally {
            LoadBertTesting.release(loaded);
        }
        assertArrayEquals(weights, Files.readAllBytes(source.resolve("model.safetensors")));
    }

    @Test
    void aCancelledWriteLeavesNoTemporaryAndTheFolderAsItWas() throws Exception {
        final BertModelPortObject port = Models.defaultModel();
        final Path work = usersFolder();
        // checks 1-3 are the engine's: before the weights, after them, and before moving the files into place
        for (int check = 1; check <= 3; check++) {
            final ModelWriterNodeModel model = writer(work, true);
            model.configure(new PortObjectSpec[]{port.getSpec()});
            final int at = check;
            assertThrows(CanceledExecutionException.class, () -> model.execute(new PortObject[]{port},
                NodeTesting.exec(new ModelWriterNodeFactory(), NodeTesting.cancelAtCheck(at))), "check " + at);
            assertEquals(List.of("config.json", "thesis.tex"), names(work), "cancel at check " + at);
            assertEquals("{\"mine\": true}", Files.readString(work.resolve("config.json")));
            assertEquals(List.of("work"), names(dir), "nothing beside the folder");
        }
        final Path fresh = dir.resolve("fresh");
        final ModelWriterNodeModel model = writer(fresh, false);
        assertThrows(CanceledExecutionException.class, () -> model.execute(new PortObject[]{port},
            NodeTesting.exec(new ModelWriterNodeFactory(), NodeTesting.cancelAtCheck(2))));
        assertFalse(Files.exists(fresh));
    }

    @Test
    void settingsRoundTripAndValidation() throws Exception {
        final ModelWriterNodeModel model = new ModelWriterNodeModel();
        assertFalse(model.settings().m_overwrite.getBooleanValue(), "overwrite is off by default");
        model.settings().m_folder.setStringValue("/tmp/x");
        model.settings().m_overwrite.setBooleanValue(true);
        NodeTesting.assertSettingsRoundTrip(model, new ModelWriterNodeModel());
        model.settings().m_folder.setStringValue(" ");
        final InvalidSettingsException e =
            assertThrows(InvalidSettingsException.class, () -> model.configure(new PortObjectSpec[]{null}));
        assertEquals(true, e.getMessage().contains(ModelWriterSettings.LABEL_FOLDER), e.getMessage());
    }
}
