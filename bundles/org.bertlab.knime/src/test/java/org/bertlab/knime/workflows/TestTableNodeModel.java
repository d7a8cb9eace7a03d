package org.bertlab.knime.workflows;

import java.io.File;
import java.util.ArrayList;
import java.util.List;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataColumnSpecCreator;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataType;
import org.knime.core.data.RowKey;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.data.def.StringCell;
import org.knime.core.node.BufferedDataContainer;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.ExecutionMonitor;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeModel;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.NodeSettingsWO;

/** Emits the string table held in its settings; a null value is a missing cell. */
public final class TestTableNodeModel extends NodeModel {

    static final String KEY_COLUMNS = "columns";
    static final String KEY_ROWS = "rows";

    private String[] m_columns = new String[0];
    private final List<String[]> m_rows = new ArrayList<>();

    TestTableNodeModel() {
        super(0, 1);
    }

    /** Writes a table's columns and rows in this node's settings layout. */
    public static void save(final NodeSettingsWO settings, final String[] columns, final String[][] rows) {
        settings.addStringArray(KEY_COLUMNS, columns);
        final NodeSettingsWO sub = settings.addNodeSettings(KEY_ROWS);
        for (int r = 0; r < rows.length; r++) {
            sub.addStringArray("row_" + r, rows[r]);
        }
    }

    private DataTableSpec spec() {
        final DataColumnSpec[] cols = new DataColumnSpec[m_columns.length];
        for (int i = 0; i < cols.length; i++) {
            cols[i] = new DataColumnSpecCreator(m_columns[i], StringCell.TYPE).createSpec();
        }
        return new DataTableSpec(cols);
    }

    @Override
    protected DataTableSpec[] configure(final DataTableSpec[] inSpecs) throws InvalidSettingsException {
        return new DataTableSpec[]{spec()};
    }

    @Override
    protected BufferedDataTable[] execute(final BufferedDataTable[] inData, final ExecutionContext exec) {
        final BufferedDataContainer c = exec.createDataContainer(spec());
        long key = 0;
        for (final String[] row : m_rows) {
            final DataCell[] cells = new DataCell[m_columns.length];
            for (int i = 0; i < cells.length; i++) {
                cells[i] = i >= row.length || row[i] == null ? DataType.getMissingCell() : new StringCell(row[i]);
            }
            c.addRowToTable(new DefaultRow(RowKey.createRowKey(key++), cells));
        }
        c.close();
        return new BufferedDataTable[]{c.getTable()};
    }

    @Override
    protected void saveSettingsTo(final NodeSettingsWO settings) {
        save(settings, m_columns, m_rows.toArray(String[][]::new));
    }

    @Override
    protected void validateSettings(final NodeSettingsRO settings) throws InvalidSettingsException {
        read(settings, new ArrayList<>());
    }

    @Override
    protected void loadValidatedSettingsFrom(final NodeSettingsRO settings) throws InvalidSettingsException {
        final List<String[]> rows = new ArrayList<>();
        m_columns = read(settings, rows);
        m_rows.clear();
        m_rows.addAll(rows);
    }

    private static String[] read(final NodeSettingsRO settings, final List<String[]> rows)
        throws InvalidSettingsException {
        final String[] columns = settings.getStringArray(KEY_COLUMNS);
        final NodeSettingsRO sub = settings.getNodeSettings(KEY_ROWS);
        for (int r = 0; r < sub.keySet().size(); r++) {
            final String[] row = sub.getStringArray("row_" + r);
            if (row.length != columns.length) {
                throw new InvalidSettingsException("row " + r + " has " + row.length + " values for "
                    + columns.length + " columns");
            }
            rows.add(row);
        }
        return columns;
    }

    @Override
    protected void loadInternals(final File nodeInternDir, final ExecutionMonitor exec) {
        // the table is in the output port
    }

    @Override
    protected void saveInternals(final File nodeInternDir, final ExecutionMonitor exec) {
        // the table is in the output port
    }

    @Override
    protected void reset() {
        // nothing held
    }
}
