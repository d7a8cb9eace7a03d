package org.bertlab.knime.nodes.embedding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

import org.bertlab.knime.port.BertModelPortObject;
import org.bertlab.knime.port.ModelCache;
import org.bertlab.knime.testing.KnimeExtension;
import org.bertlab.knime.testing.Models;
import org.bertlab.knime.testing.NodeTesting;
import org.bertlab.knime.util.DeviceSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.knime.core.data.DataRow;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.NodeSettingsRO;

/**
 * The device travels with the model and each node can override it, as Token Embedding shows for every node that
 * runs a model: its device is a normal setting the dialog writes, and a missing GPU warns or, if asked, fails.
 */
@ExtendWith(KnimeExtension.class)
class NodeDeviceTest {

    /** No machine has a hundredth GPU: the GPU-missing path runs everywhere, with or without a GPU. */
    private static final String MISSING_GPU = "gpu:99";

    @Test
    void theModelsDeviceTravelsInThePortSpecAndIsTheDefault() throws Exception {
        final BertModelPortObject port = Models.defaultModel();
        assertEquals("cpu", port.getSpec().getDevice());
        final TokenEmbeddingNodeModel model = TokenEmbeddingNodeModelTest.model("mean");
        final NodeSettings written = NodeTesting.throughDialog(model, new TokenEmbeddingNodeDialog(),
            port.getSpec(), NodeTesting.spec("text"));
        assertEquals(DeviceSettings.AS_THE_MODEL, written.getString(DeviceSettings.KEY_DEVICE));
        final long loads = ModelCache.loads();
        TokenEmbeddingNodeModelTest.run(model, port);
        assertEquals(loads, ModelCache.loads(), "as the model: the port's own model is shared");
    }

    @Test
    void aMissingGpuWarnsAndTheNodeRunsOnTheCpu() throws Exception {
        final BertModelPortObject port = Models.defaultModel();
        final TokenEmbeddingNodeModel onCpu = TokenEmbeddingNodeModelTest.model("mean");
        final List<DataRow> expected = NodeTesting.rows(TokenEmbeddingNodeModelTest.run(onCpu, port));

        final TokenEmbeddingNodeModel model = TokenEmbeddingNodeModelTest.model("mean");
        model.settings().m_run.device().setStringValue(MISSING_GPU);
        final List<DataRow> rows = NodeTesting.rows(TokenEmbeddingNodeModelTest.run(model, port));
        assertTrue(model.warning().contains("GPU 99"), model.warning());
        assertEquals(expected.size(), rows.size());
        for (int r = 0; r < rows.size(); r++) {
            assertEquals(expected.get(r).getCell(1), rows.get(r).getCell(1), "row " + r);
        }
        NodeTesting.reset(onCpu);
        NodeTesting.reset(model);
    }

    @Test
    void aMissingGpuFailsTheNodeWhenTheUserAskedForThat() throws Exception {
        final BertModelPortObject port = Models.defaultModel();
        final TokenEmbeddingNodeModel model = TokenEmbeddingNodeModelTest.model("mean");
        model.settings().m_run.device().setStringValue(MISSING_GPU);
        model.settings().m_run.failIfGpuMissing().setBooleanValue(true);
        final int open = ModelCache.openModels();
        final InvalidSettingsException e =
            assertThrows(InvalidSettingsException.class, () -> TokenEmbeddingNodeModelTest.run(model, port));
        assertTrue(e.getMessage().contains("GPU 99") && e.getMessage().contains(DeviceSettings.LABEL_FAIL_IF_GPU_MISSING),
            e.getMessage());
        NodeTesting.reset(model);
        assertEquals(open, ModelCache.openModels(), "the failed node let go of the model it opened");
    }

    @Test
    void anUnknownDeviceIsRefusedNamingTheField() throws Exception {
        final TokenEmbeddingNodeModel model = TokenEmbeddingNodeModelTest.model("mean");
        model.settings().m_run.device().setStringValue("tpu");
        final NodeSettings saved = new NodeSettings("model");
        model.settings().saveTo(saved);
        final InvalidSettingsException e =
            assertThrows(InvalidSettingsException.class, () -> model.settings().validate(saved));
        assertTrue(e.getMessage().contains("\"" + DeviceSettings.LABEL_DEVICE + "\""), e.getMessage());
    }

    @Test
    void settingsSavedBeforeTheDeviceSettingExistedStillLoad() throws Exception {
        final TokenEmbeddingNodeModel model = TokenEmbeddingNodeModelTest.model("mean");
        final NodeSettings saved = new NodeSettings("model");
        model.settings().saveTo(saved);
        // the settings.xml of a workflow saved before: the same entries without the two device keys
        final ByteArrayOutputStream xml = new ByteArrayOutputStream();
        saved.saveToXML(xml);
        final String withoutDevice = xml.toString(StandardCharsets.UTF_8).lines()
            .filter(line -> !line.contains("\"" + DeviceSettings.KEY_DEVICE + "\"")
                && !line.contains("\"" + DeviceSettings.KEY_FAIL_IF_GPU_MISSING + "\""))
            .collect(Collectors.joining("\n"));
        final NodeSettingsRO older =
            NodeSettings.loadFromXML(new ByteArrayInputStream(withoutDevice.getBytes(StandardCharsets.UTF_8)));
        assertFalse(older.containsKey(DeviceSettings.KEY_DEVICE));
        model.settings().validate(older);
        model.settings().loadValidated(older);
        assertEquals(DeviceSettings.AS_THE_MODEL, model.settings().m_run.device().getStringValue());
    }
}
