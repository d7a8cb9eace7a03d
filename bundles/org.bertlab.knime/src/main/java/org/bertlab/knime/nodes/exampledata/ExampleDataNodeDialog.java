package org.bertlab.knime.nodes.exampledata;

import static org.bertlab.knime.nodes.exampledata.ExampleDataSettings.LABEL_DATA_SET;
import static org.bertlab.knime.nodes.exampledata.ExampleDataSettings.LABEL_ROWS;

import org.knime.core.node.defaultnodesettings.DefaultNodeSettingsPane;
import org.knime.core.node.defaultnodesettings.DialogComponentNumber;
import org.knime.core.node.defaultnodesettings.DialogComponentStringSelection;

final class ExampleDataNodeDialog extends DefaultNodeSettingsPane {

    ExampleDataNodeDialog() {
        final ExampleDataSettings s = new ExampleDataSettings();
        addDialogComponent(new DialogComponentStringSelection(s.m_dataSet, LABEL_DATA_SET, ExampleDataSet.labels()));
        addDialogComponent(new DialogComponentNumber(s.m_rows, LABEL_ROWS, 10));
    }
}
