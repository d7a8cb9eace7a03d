package org.bertlab.knime.nodes.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.bertlab.core.corpus.ArtificialCorpus;
import org.bertlab.core.corpus.Sequence;
import org.bertlab.knime.testing.NodeTesting;
import org.junit.jupiter.api.Test;
import org.knime.core.data.DataRow;
import org.knime.core.data.IntValue;
import org.knime.core.data.StringValue;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;

class CorpusGeneratorNodeModelTest {

    @Test
    void rowsAreTheEnginesCorpus() throws Exception {
        final CorpusGeneratorNodeFactory factory = new CorpusGeneratorNodeFactory();
        final ExecutionContext exec = NodeTesting.exec(factory);
        final CorpusGeneratorNodeModel model = factory.createNodeModel();
        model.settings().m_kind.setStringValue("zipf");
        model.settings().m_count.setIntValue(25);
        model.settings().m_minLength.setIntValue(4);
        model.settings().m_maxLength.setIntValue(12);
        model.settings().m_seed.setLongValue(7);
        final NodeSettings written = NodeTesting.throughDialog(model, new CorpusGeneratorNodeDialog());
        assertEquals("zipf", written.getString(CorpusGeneratorSettings.KEY_KIND), "the combo writes the kind's name");

        final PortObjectSpec[] specs = model.configure(new PortObjectSpec[0]);
        final BufferedDataTable out = (BufferedDataTable)model.execute(new PortObject[0], exec)[0];
        assertEquals(true, ((org.knime.core.data.DataTableSpec)specs[0]).equalStructure(out.getDataTableSpec()));

        final List<Sequence> expected = ArtificialCorpus.generate(model.settings().options()).sequences();
        final List<DataRow> rows = NodeTesting.rows(out);
        assertEquals(expected.size(), rows.size());
        for (int i = 0; i < rows.size(); i++) {
            assertEquals(String.join(" ", expected.get(i).tokens()),
                ((StringValue)rows.get(i).getCell(0)).getStringValue(), "row " + i);
            assertEquals(expected.get(i).length(), ((IntValue)rows.get(i).getCell(1)).getIntValue(), "row " + i);
        }
    }

    @Test
    void settingsRoundTripAndValidation() throws Exception {
        final CorpusGeneratorNodeModel model = new CorpusGeneratorNodeModel();
        model.settings().m_kind.setStringValue("uniform");
        model.settings().m_count.setIntValue(3);
        NodeTesting.assertSettingsRoundTrip(model, new CorpusGeneratorNodeModel());

        model.settings().m_minLength.setIntValue(50);
        model.settings().m_maxLength.setIntValue(10);
        final InvalidSettingsException e =
            assertThrows(InvalidSettingsException.class, () -> model.configure(new PortObjectSpec[0]));
        assertEquals(true, e.getMessage().contains(CorpusGeneratorSettings.LABEL_MIN_LENGTH), e.getMessage());
    }
}
