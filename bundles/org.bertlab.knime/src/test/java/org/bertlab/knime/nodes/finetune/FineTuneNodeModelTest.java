package org.bertlab.knime.nodes.finetune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.bertlab.core.runtime.DjlRuntime;
import org.bertlab.knime.port.BertModelPortObject;
import org.bertlab.knime.port.BertModelPortObjectSpec;
import org.bertlab.knime.testing.Models;
import org.bertlab.knime.testing.NodeTesting;
import org.junit.jupiter.api.Test;
import org.knime.core.data.DataRow;
import org.knime.core.data.DoubleValue;
import org.knime.core.data.IntValue;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;

import ai.djl.Device;
import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDManager;

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
            // cross-entropy over two classes: about ln 2 = 0.69 untrained, towards 0 as it learns
            final double loss = ((DoubleValue)stats.get(i).getCell(2)).getDoubleValue();
            assertTrue(loss > 0 && loss < 2 * Math.log(2), "train loss of epoch " + (i + 1) + ": " + loss);
        }
        assertTrue(warning.toString().contains("1 row"), "the row without text is skipped and counted: " + warning);
    }

    @Test
    void aFailedTrainingClosesTheCopyItWasGiven() throws Exception {
        final BertModelPortObject port = Models.defaultModel();
        Models.model(port); // the input's model is open before and after; only the copy may come and go
        final FineTuneNodeFactory factory = new FineTuneNodeFactory();
        final ExecutionContext exec = NodeTesting.exec(factory);
        final BufferedDataTable oneClass = NodeTesting.strings(exec, new String[]{"text", "label"},
            new String[][]{{"great film", "pos"}, {"a delight", "pos"}, {"moving", "pos"}});
        final FineTuneNodeModel model = factory.createNodeModel();
        model.settings().m_text.setStringValue("text");
        model.settings().m_label.setStringValue("label");
        model.configure(new PortObjectSpec[]{port.getSpec(), oneClass.getDataTableSpec(), null});
        final int before = openArrays();
        final Exception e = assertThrows(Exception.class,
            () -> model.execute(new PortObject[]{port, oneClass, null}, exec));
        assertTrue(e.getMessage().contains("only one class"), e.getMessage());
        assertEquals(before, openArrays(), "the copy made for training is closed when training fails");
    }

    /** Every array of every model's manager lives under the engine's system manager. */
    private static int openArrays() {
        return DjlRuntime.call(() -> {
            try (NDManager probe = NDManager.newBaseManager(Device.cpu(), DjlRuntime.ENGINE)) {
                return ((BaseNDManager)probe.getParentManager()).getManagedArrays().size();
            }
        });
    }

    @Test
    void configureGivesTheTrainedModelsSpec() throws Exception {
        final BertModelPortObjectSpec input = Models.defaultModel().getSpec();
        final FineTuneNodeModel model = new FineTuneNodeModel();
        model.settings().m_text.setStringValue("text");
        model.settings().m_label.setStringValue("label");
        final PortObjectSpec[] out =
            model.configure(new PortObjectSpec[]{input, NodeTesting.spec("text", "label"), null});
        final BertModelPortObjectSpec classify = (BertModelPortObjectSpec)out[0];
        assertEquals("BertForSequenceClassification", classify.getArchitecture());
        assertEquals(input.getLayers(), classify.getLayers());
        assertEquals(input.getHiddenSize(), classify.getHiddenSize());
        assertEquals(input.getVocabularySize(), classify.getVocabularySize());
        assertFalse(classify.isWeightsRead(), "labels and heads come with the data");
        // the trained model's sizes are what configure said
        final BertModelPortObjectSpec trained = (BertModelPortObjectSpec)FineTuneTesting.trained(new StringBuilder())[0]
            .getSpec();
        assertEquals(trained.getArchitecture(), classify.getArchitecture());
        assertEquals(trained.getLayers(), classify.getLayers());
        assertEquals(trained.getHiddenSize(), classify.getHiddenSize());

        // pre-training: the sizes of the settings
        model.settings().m_task.setStringValue("pretrain");
        model.settings().m_layers.setIntValue(3);
        model.settings().m_hidden.setIntValue(48);
        model.settings().m_heads.setIntValue(4);
        final BertModelPortObjectSpec pretrain = (BertModelPortObjectSpec)model
            .configure(new PortObjectSpec[]{null, NodeTesting.spec("text"), null})[0];
        assertEquals(3, pretrain.getLayers());
        assertEquals(48, pretrain.getHiddenSize());
        assertEquals(4, pretrain.getAttentionHeads());
        assertEquals("BertForMaskedLM", pretrain.getArchitecture());

        // not connected, not pre-training: an error that says so (connected but unknown: see NodesInAWorkflowTest)
        model.settings().m_task.setStringValue("mlm");
        final InvalidSettingsException e = assertThrows(InvalidSettingsException.class,
            () -> model.configure(new PortObjectSpec[]{null, NodeTesting.spec("text"), null}));
        assertTrue(e.getMessage().contains("connect one"), e.getMessage());
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
