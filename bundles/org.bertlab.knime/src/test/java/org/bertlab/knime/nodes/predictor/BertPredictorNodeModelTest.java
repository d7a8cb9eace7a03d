package org.bertlab.knime.nodes.predictor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.bertlab.core.predict.ClassPrediction;
import org.bertlab.core.predict.Predictor;
import org.bertlab.knime.nodes.finetune.FineTuneTesting;
import org.bertlab.knime.port.BertModelPortObject;
import org.bertlab.knime.testing.Models;
import org.bertlab.knime.testing.NodeTesting;
import org.junit.jupiter.api.Test;
import org.knime.core.data.DataRow;
import org.knime.core.data.DoubleValue;
import org.knime.core.data.StringValue;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;

class BertPredictorNodeModelTest {

    static final String[] TEXTS = {"what a great film", null, "dull and terrible", "loved it"};

    BufferedDataTable run(final BertModelPortObject port, final BertPredictorNodeModel model) throws Exception {
        final BertPredictorNodeFactory factory = new BertPredictorNodeFactory();
        final ExecutionContext exec = NodeTesting.exec(factory);
        final BufferedDataTable in = NodeTesting.strings(exec, new String[]{"review"}, new String[]{TEXTS[0]},
            new String[]{TEXTS[1]}, new String[]{TEXTS[2]}, new String[]{TEXTS[3]});
        NodeTesting.throughDialog(model, new BertPredictorNodeDialog(), port.getSpec(), in.getDataTableSpec());
        model.configure(new PortObjectSpec[]{port.getSpec(), in.getDataTableSpec()});
        return (BufferedDataTable)NodeTesting.execute(model, new PortObject[]{port, in}, exec)[0];
    }

    @Test
    void classesAndScoresAreTheEngines() throws Exception {
        final BertModelPortObject port = (BertModelPortObject)FineTuneTesting.trained(new StringBuilder())[0];
        final BertPredictorNodeModel model = new BertPredictorNodeModel();
        model.settings().m_text.setStringValue("review");
        model.settings().m_batch.setIntValue(2);
        final List<DataRow> rows = NodeTesting.rows(run(port, model));
        assertEquals(4, rows.size());
        assertTrue(rows.get(1).getCell(1).isMissing(), "a missing text gives a missing prediction");
        assertTrue(model.warning().contains("1 row"), model.warning());
        assertEquals("Row1", rows.get(1).getKey().getString());

        final List<ClassPrediction> expected =
            new Predictor(Models.model(port), 2).classify(List.of(TEXTS[0], TEXTS[2], TEXTS[3]), null);
        final int[] rowOf = {0, 2, 3};
        for (int i = 0; i < expected.size(); i++) {
            final DataRow row = rows.get(rowOf[i]);
            assertEquals(expected.get(i).label(), ((StringValue)row.getCell(1)).getStringValue());
            assertEquals(expected.get(i).score(), ((DoubleValue)row.getCell(2)).getDoubleValue(), 1e-5);
        }

        // streamed row by row (KNIME's streaming executor), the same rows
        final ExecutionContext exec = NodeTesting.exec(new BertPredictorNodeFactory());
        final BufferedDataTable in = NodeTesting.strings(exec, new String[]{"review"}, new String[]{TEXTS[0]},
            new String[]{TEXTS[1]}, new String[]{TEXTS[2]}, new String[]{TEXTS[3]});
        final List<DataRow> streamed = NodeTesting.stream(model, new PortObject[]{port, in}, exec).get(0);
        assertEquals(rows.size(), streamed.size());
        for (int r = 0; r < rows.size(); r++) {
            assertEquals(rows.get(r).getKey(), streamed.get(r).getKey());
            for (int c = 0; c < rows.get(r).getNumCells(); c++) {
                assertEquals(rows.get(r).getCell(c), streamed.get(r).getCell(c), "row " + r + " column " + c);
            }
        }

        // the same predictions after the model port is saved and loaded
        final BertModelPortObject loaded = (BertModelPortObject)NodeTesting.roundTrip(port);
        final BertPredictorNodeModel again = new BertPredictorNodeModel();
        again.settings().m_text.setStringValue("review");
        again.settings().m_batch.setIntValue(2);
        final List<DataRow> after = NodeTesting.rows(run(loaded, again));
        for (final int r : rowOf) {
            assertEquals(rows.get(r).getCell(1), after.get(r).getCell(1));
            assertEquals(((DoubleValue)rows.get(r).getCell(2)).getDoubleValue(),
                ((DoubleValue)after.get(r).getCell(2)).getDoubleValue(), 1e-6);
        }
    }

    @Test
    void aModelWithoutTheHeadIsRefusedAtConfigure() throws Exception {
        final BertPredictorNodeModel model = new BertPredictorNodeModel();
        model.settings().m_text.setStringValue("review");
        final InvalidSettingsException e = assertThrows(InvalidSettingsException.class, () -> model.configure(
            new PortObjectSpec[]{Models.defaultModel().getSpec(), NodeTesting.spec("review")}));
        assertTrue(e.getMessage().contains(BertPredictorSettings.LABEL_MODE), e.getMessage());
    }

    @Test
    void answersWithTheContextDropDownOnNoneAreAClearErrorNotANullPointer() throws Exception {
        final BertPredictorNodeModel model = new BertPredictorNodeModel();
        model.settings().m_mode.setStringValue(BertPredictorSettings.MODE_ANSWER);
        model.settings().m_text.setStringValue("q");
        assertNull(model.settings().m_pair.getStringValue(), "by default no context column, as the dialog stores it");
        final PortObjectSpec[] specs = {Models.defaultModel().getSpec(), NodeTesting.spec("q", "c")};
        final InvalidSettingsException e = assertThrows(InvalidSettingsException.class, () -> model.configure(specs));
        assertTrue(e.getMessage().contains(BertPredictorSettings.LABEL_PAIR), e.getMessage());
        // the dialog's OK is refused the same way: its <none> arrives as null
        final InvalidSettingsException ok = assertThrows(InvalidSettingsException.class,
            () -> NodeTesting.throughDialog(model, new BertPredictorNodeDialog(), specs));
        assertTrue(ok.getMessage().contains(BertPredictorSettings.LABEL_PAIR), ok.getMessage());
    }

    @Test
    void settingsRoundTrip() throws Exception {
        final BertPredictorNodeModel model = new BertPredictorNodeModel();
        model.settings().m_mode.setStringValue(BertPredictorSettings.MODE_ANSWER);
        model.settings().m_text.setStringValue("q");
        model.settings().m_pair.setStringValue("c");
        NodeTesting.assertSettingsRoundTrip(model, new BertPredictorNodeModel());
    }
}
