package org.bertlab.knime.nodes.exampledata;

import org.bertlab.knime.util.SettingsBase;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.defaultnodesettings.SettingsModelIntegerBounded;
import org.knime.core.node.defaultnodesettings.SettingsModelString;

/** Keys, labels and defaults of the Example Data node. */
final class ExampleDataSettings extends SettingsBase {

    static final String KEY_DATA_SET = "data_set";
    static final String LABEL_DATA_SET = "Data set";

    static final String KEY_ROWS = "rows";
    static final String LABEL_ROWS = "Rows (0 = all)";

    final SettingsModelString m_dataSet =
        register(new SettingsModelString(KEY_DATA_SET, ExampleDataSet.DICTIONARY.label()));
    final SettingsModelIntegerBounded m_rows =
        register(new SettingsModelIntegerBounded(KEY_ROWS, 0, 0, Integer.MAX_VALUE));

    @Override
    protected SettingsBase fresh() {
        return new ExampleDataSettings();
    }

    @Override
    public void check() throws InvalidSettingsException {
        requireParsable(LABEL_DATA_SET, this::dataSet);
    }

    ExampleDataSet dataSet() {
        return ExampleDataSet.of(m_dataSet.getStringValue());
    }
}
