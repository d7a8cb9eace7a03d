package org.bertlab.knime.nodes.writer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.bertlab.core.embed.EmbeddingOptions;
import org.bertlab.core.embed.Pooling;
import org.bertlab.core.embed.TokenEmbedder;
import org.bertlab.core.model.BertModel;
import org.bertlab.core.model.LoadOptions;
import org.bertlab.core.model.ModelLoader;
import org.bertlab.knime.port.BertModelPortObject;
import org.bertlab.knime.testing.Models;
import org.bertlab.knime.testing.NodeTesting;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;

class ModelWriterNodeModelTest {

    @Test
    void writesAFolderTheLoaderReadsBack(@TempDir final Path dir) throws Exception {
        final BertModelPortObject port = Models.defaultModel();
        final Path target = dir.resolve("model");
        final ModelWriterNodeModel model = new ModelWriterNodeModel();
        model.settings().m_folder.setStringValue(target.toString());
        model.configure(new PortObjectSpec[]{port.getSpec()});
        model.execute(new PortObject[]{port}, NodeTesting.exec(new ModelWriterNodeFactory()));
        assertTrue(Files.isRegularFile(target.resolve("config.json")));
        assertTrue(Files.isRegularFile(target.resolve("model.safetensors")));

        final EmbeddingOptions options = EmbeddingOptions.builder().pooling(Pooling.MEAN).build();
        try (BertModel written = ModelLoader.load(target, LoadOptions.DEFAULT)) {
            final float[][] expected = new TokenEmbedder(port.getModel(), options).pooled(List.of("鱼")).get(0)
                .vectors();
            final float[][] actual = new TokenEmbedder(written, options).pooled(List.of("鱼")).get(0).vectors();
            for (int l = 0; l < expected.length; l++) {
                assertArrayEquals(expected[l], actual[l], 1e-6f, "layer " + l);
            }
        }

        // a non-empty folder needs the overwrite option, and the error names it
        final InvalidSettingsException e = assertThrows(InvalidSettingsException.class,
            () -> model.configure(new PortObjectSpec[]{port.getSpec()}));
        assertTrue(e.getMessage().contains(ModelWriterSettings.LABEL_OVERWRITE), e.getMessage());
        model.settings().m_overwrite.setBooleanValue(true);
        model.configure(new PortObjectSpec[]{port.getSpec()});
    }

    @Test
    void settingsRoundTripAndValidation() throws Exception {
        final ModelWriterNodeModel model = new ModelWriterNodeModel();
        model.settings().m_folder.setStringValue("/tmp/x");
        model.settings().m_overwrite.setBooleanValue(true);
        NodeTesting.assertSettingsRoundTrip(model, new ModelWriterNodeModel());
        model.settings().m_folder.setStringValue(" ");
        final InvalidSettingsException e =
            assertThrows(InvalidSettingsException.class, () -> model.configure(new PortObjectSpec[]{null}));
        assertEquals(true, e.getMessage().contains(ModelWriterSettings.LABEL_FOLDER), e.getMessage());
    }
}
