package org.bertlab.knime.nodes.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.bertlab.core.encoder.InferencePrecision;
import org.bertlab.knime.port.BertModelPortObject;
import org.bertlab.knime.port.BertModelPortObjectSpec;
import org.bertlab.knime.testing.Models;
import org.bertlab.knime.testing.NodeTesting;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;

class LoadBertNodeModelTest {

    @Test
    void defaultModelSpecDescribesTheModel() throws Exception {
        final BertModelPortObject port = Models.defaultModel();
        final BertModelPortObjectSpec spec = port.getSpec();
        assertEquals(Models.model(port).config().numLayers(), spec.getLayers());
        assertEquals(Models.model(port).config().hiddenSize(), spec.getHiddenSize());
        assertEquals(Models.model(port).config().vocabSize(), spec.getVocabularySize());
        assertEquals(Models.model(port).headNames(), spec.getHeads());
    }

    @Test
    void configureReadsTheFolderWithoutWeights(@TempDir final Path dir) throws Exception {
        Models.model(Models.defaultModel()).save(dir);
        final LoadBertNodeModel model = new LoadBertNodeModel();
        model.settings().m_useDefault.setBooleanValue(false);
        model.settings().m_folder.setStringValue(dir.toString());
        final BertModelPortObjectSpec configured =
            (BertModelPortObjectSpec)model.configure(new PortObjectSpec[0])[0];
        assertEquals(Models.defaultModel().getSpec().getLayers(), configured.getLayers());

        final BertModelPortObject loaded = (BertModelPortObject)model.execute(new PortObject[0],
            NodeTesting.exec(new LoadBertNodeFactory()))[0];
        assertEquals(Models.defaultModel().getSpec().getHiddenSize(), loaded.getSpec().getHiddenSize());

        // a folder without config.json is refused at configure, naming the field
        final Path empty = Files.createDirectories(dir.resolve("empty"));
        model.settings().m_folder.setStringValue(empty.toString());
        final InvalidSettingsException e =
            assertThrows(InvalidSettingsException.class, () -> model.configure(new PortObjectSpec[0]));
        assertTrue(e.getMessage().contains(LoadBertSettings.LABEL_FOLDER), e.getMessage());
    }

    @Test
    void configureGivesTheEmbeddedModelsSpecWithoutLoadingIt() throws Exception {
        final LoadBertNodeModel model = new LoadBertNodeModel();
        final BertModelPortObjectSpec configured = (BertModelPortObjectSpec)model.configure(new PortObjectSpec[0])[0];
        final BertModelPortObjectSpec executed = Models.defaultModel().getSpec();
        assertEquals(executed.getLayers(), configured.getLayers());
        assertEquals(executed.getHiddenSize(), configured.getHiddenSize());
        assertEquals(executed.getVocabularySize(), configured.getVocabularySize());
        assertEquals(executed.getAttentionHeads(), configured.getAttentionHeads());
        assertEquals(executed.getSource(), configured.getSource());
        assertFalse(configured.isWeightsRead(), "sizes from the shipped config, no weights read");
    }

    @Test
    void precisionIsANormalSettingThatReachesTheEngine() throws Exception {
        final LoadBertNodeFactory factory = new LoadBertNodeFactory();
        final LoadBertNodeModel model = factory.createNodeModel();
        model.settings().m_precision.setStringValue("int8");
        NodeTesting.throughDialog(model, new LoadBertNodeDialog());
        assertEquals("int8", model.options().precision());
        NodeTesting.assertSettingsRoundTrip(model, new LoadBertNodeModel());
        model.configure(new PortObjectSpec[0]);
        final BertModelPortObject port =
            (BertModelPortObject)model.execute(new PortObject[0], NodeTesting.exec(factory))[0];
        // int8 products run on ONNX Runtime on the CPU; where it cannot, the node says so and runs fp32
        assertTrue(Models.model(port).inferencePrecision() == InferencePrecision.INT8
            || String.valueOf(model.warning()).contains("int8"), model.warning());

        // a workflow saved before the setting existed (its settings, key by key) loads with the default
        final NodeSettings older = new NodeSettings("model");
        older.addBoolean(LoadBertSettings.KEY_USE_DEFAULT, true);
        older.addString(LoadBertSettings.KEY_FOLDER, "");
        older.addString(LoadBertSettings.KEY_LOWERCASE, LoadBertSettings.LOWERCASE_AUTO);
        older.addInt(LoadBertSettings.KEY_MAX_LENGTH, 0);
        older.addString(LoadBertSettings.KEY_DEVICE, LoadBertSettings.DEVICE_PREFERENCE);
        final LoadBertSettings loaded = new LoadBertSettings();
        loaded.validate(older);
        loaded.loadValidated(older);
        assertEquals("fp32", loaded.m_precision.getStringValue());

        model.settings().m_precision.setStringValue("fp8");
        final InvalidSettingsException e =
            assertThrows(InvalidSettingsException.class, () -> model.configure(new PortObjectSpec[0]));
        assertTrue(e.getMessage().startsWith("\"" + LoadBertSettings.LABEL_PRECISION + "\""), e.getMessage());
    }

    @Test
    void settingsRoundTripAndValidation() throws Exception {
        final LoadBertNodeModel model = new LoadBertNodeModel();
        model.settings().m_useDefault.setBooleanValue(false);
        model.settings().m_folder.setStringValue("/models/x");
        model.settings().m_maxLength.setIntValue(128);
        model.settings().m_lowercase.setStringValue(LoadBertSettings.LOWERCASE_NO);
        NodeTesting.assertSettingsRoundTrip(model, new LoadBertNodeModel());

        model.settings().m_folder.setStringValue("");
        final InvalidSettingsException e =
            assertThrows(InvalidSettingsException.class, () -> model.configure(new PortObjectSpec[0]));
        assertTrue(e.getMessage().contains(LoadBertSettings.LABEL_FOLDER), e.getMessage());
    }
}
