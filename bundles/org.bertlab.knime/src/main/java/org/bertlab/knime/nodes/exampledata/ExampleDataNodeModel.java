package org.bertlab.knime.nodes.exampledata;

import java.util.List;

import org.bertlab.knime.util.BertNodeModel;
import org.bertlab.knime.util.QaTables;
import org.knime.core.data.DataCell;
import org.knime.core.data.RowKey;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.node.BufferedDataContainer;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.PortType;

/** Outputs one of the engine's shipped data sets ({@link ExampleDataSet}), optionally only its first rows. */
final class ExampleDataNodeModel extends BertNodeModel<ExampleDataSettings> {

    ExampleDataNodeModel() {
        super(new PortType[0], new PortType[]{BufferedDataTable.TYPE}, new ExampleDataSettings());
    }

    @Override
    protected PortObjectSpec[] configure(final PortObjectSpec[] inSpecs) throws InvalidSettingsException {
        m_settings.check();
        return new PortObjectSpec[]{m_settings.dataSet().spec()};
    }

    @Override
    protected PortObject[] execute(final PortObject[] inObjects, final ExecutionContext exec) throws Exception {
        final ExampleDataSet set = m_settings.dataSet();
        final int limit = m_settings.m_rows.getIntValue();
        if (set.isQa()) {
            return new PortObject[]{QaTables.table(set.qaItems(), limit, exec)};
        }
        final List<DataCell[]> rows = set.rows();
        final int n = limit == 0 ? rows.size() : Math.min(limit, rows.size());
        final BufferedDataContainer out = exec.createDataContainer(set.spec());
        for (int i = 0; i < n; i++) {
            exec.checkCanceled();
            out.addRowToTable(new DefaultRow(RowKey.createRowKey((long)i), rows.get(i)));
        }
        out.close();
        return new PortObject[]{out.getTable()};
    }
}
