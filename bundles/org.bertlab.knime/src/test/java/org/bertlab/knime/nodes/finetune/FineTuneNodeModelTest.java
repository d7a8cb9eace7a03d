package org.bertlab.knime.nodes.finetune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.bertlab.knime.port.BertModelPortObject;
import org.bertlab.knime.testing.Models;
import org.bertlab.knime.testing.NodeTesting;
import org.junit.jupiter.api.Test;
import org.knime.core.data.DataRow;
import org.knime.core.data.DoubleValue;
import org.knime.core.data.IntValue;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;

class FineTuneNodeModelTest {

    @Test
    void trainsACopyAndReportsEveryEpoch() throws Exception {
        final StringBuilder warning = new StringBuilder();
        final PortObject[] out = FineTuneTesting.trained(warning);
        final BertModelPortObject model = (BertModelPortObject)out[0];
        assertTrue(Models.model(model).heads().hasClassifier());
        assertEquals(List.of("neg", "pos"), model.getSpec().getLabels().stream().sorted().toList());
        assertEquals("BertForSequenceClassification", model.getSpec().getArchitecture());
        assertEquals(Models.defaultModel().getSpec().getDevice(), model.getSpec().getDevice(),
            "the trained model runs where its input did");
        assertFalse(Models.model(Models.defaultModel()).heads().hasClassifier(), "the input model is untouched");

        final List<DataRow> stats = NodeTesting.rows((BufferedDataTable)out[1]);
        assertEquals(2, stats.size());
        for (int i = 0; i < stats.size(); i++) {
            assertEquals(i + 1, ((IntValue)stats.get(i).getCell(0)).getIntValue());
            assertTrue(Double.isFinite(((DoubleValue)stats.get(i).getCell(2)).getDoubleValue()), "train loss");
        }
        if (!warning.isEmpty()) {
            assertTrue(warning.toString().contains("1 row"), warning.toString());
        }
    }

    @Test
    void settingsRoundTripAndValidation() throws Exception {
        final FineTuneNodeModel model = new FineTuneNodeModel();
        model.settings().m_text.setStringValue("text");
        model.settings().m_label.setStringValue("label");
        model.settings().m_task.setStringValue("mlm");
        model.settings().m_epochs.setIntValue(4);
        NodeTesting.assertSettingsRoundTrip(model, new FineTuneNodeModel());

        model.settings().m_task.setStringValue("classify");
        model.settings().m_label.setStringValue(null);
        final InvalidSettingsException e = assertThrows(InvalidSettingsException.class,
            () -> model.configure(new PortObjectSpec[]{null, NodeTesting.spec("text"), null}));
        assertTrue(e.getMessage().contains(FineTuneSettings.LABEL_LABEL), e.getMessage());

        // extractive QA with the context drop-down on <none>, stored by the dialog as null
        model.settings().m_task.setStringValue("qa");
        model.settings().m_label.setStringValue("label");
        model.settings().m_answerStart.setStringValue("start");
        model.settings().m_pair.setStringValue(null);
        final InvalidSettingsException qa = assertThrows(InvalidSettingsException.class,
            () -> model.configure(new PortObjectSpec[]{null, NodeTesting.spec("text", "label"), null}));
        assertTrue(qa.getMessage().contains(FineTuneSettings.LABEL_ANSWER_START), qa.getMessage());
    }
}
