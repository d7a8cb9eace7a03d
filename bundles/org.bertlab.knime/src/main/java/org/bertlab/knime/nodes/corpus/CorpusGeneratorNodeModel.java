package org.bertlab.knime.nodes.corpus;

import org.bertlab.core.corpus.CorpusGenerator;
import org.bertlab.core.corpus.CorpusOptions;
import org.bertlab.core.corpus.Sequence;
import org.bertlab.knime.util.BertNodeModel;
import org.knime.core.data.DataCell;
import org.knime.core.data.DataColumnSpecCreator;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataType;
import org.knime.core.data.RowKey;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.data.def.IntCell;
import org.knime.core.data.def.StringCell;
import org.knime.core.node.BufferedDataContainer;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.PortType;

/** One row per sequence of {@link CorpusGenerator}: tokens joined by spaces, length, label (paired kinds). */
final class CorpusGeneratorNodeModel extends BertNodeModel<CorpusGeneratorSettings> {

    CorpusGeneratorNodeModel() {
        super(new PortType[0], new PortType[]{BufferedDataTable.TYPE}, new CorpusGeneratorSettings());
    }

    static final DataTableSpec SPEC = new DataTableSpec(
        new DataColumnSpecCreator("sequence", StringCell.TYPE).createSpec(),
        new DataColumnSpecCreator("length", IntCell.TYPE).createSpec(),
        new DataColumnSpecCreator("label", IntCell.TYPE).createSpec());

    @Override
    protected PortObjectSpec[] configure(final PortObjectSpec[] inSpecs) throws InvalidSettingsException {
        m_settings.check();
        return new PortObjectSpec[]{SPEC};
    }

    @Override
    protected PortObject[] execute(final PortObject[] inObjects, final ExecutionContext exec) throws Exception {
        final String smaller = "fewer or shorter sequences (\"" + CorpusGeneratorSettings.LABEL_COUNT + "\", \""
            + CorpusGeneratorSettings.LABEL_MAX_LENGTH + "\")";
        return run("generating the corpus", smaller, () -> executeNode(inObjects, exec));
    }

    private PortObject[] executeNode(final PortObject[] inObjects, final ExecutionContext exec) throws Exception {
        final CorpusOptions options = m_settings.options();
        final CorpusGenerator generator = new CorpusGenerator(options);
        final BufferedDataContainer out = exec.createDataContainer(SPEC);
        long row = 0;
        while (generator.hasNext()) {
            exec.checkCanceled();
            final Sequence s = generator.next();
            final DataCell label = s.label().isPresent() ? new IntCell(s.label().getAsInt()) : DataType.getMissingCell();
            out.addRowToTable(new DefaultRow(RowKey.createRowKey(row), new StringCell(String.join(" ", s.tokens())),
                new IntCell(s.length()), label));
            row++;
            final long done = row;
            exec.setProgress(done / (double)options.count(), () -> done + " sequences");
        }
        out.close();
        return new PortObject[]{out.getTable()};
    }
}
