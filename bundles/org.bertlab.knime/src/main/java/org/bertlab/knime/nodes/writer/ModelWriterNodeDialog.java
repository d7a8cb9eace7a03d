package org.bertlab.knime.nodes.writer;

import static org.bertlab.knime.nodes.writer.ModelWriterSettings.*;

import org.knime.core.node.defaultnodesettings.DefaultNodeSettingsPane;
import org.knime.core.node.defaultnodesettings.DialogComponentBoolean;
import org.knime.core.node.defaultnodesettings.DialogComponentString;

final class ModelWriterNodeDialog extends DefaultNodeSettingsPane {

    ModelWriterNodeDialog() {
        final ModelWriterSettings s = new ModelWriterSettings();
        addDialogComponent(new DialogComponentString(s.m_folder, LABEL_FOLDER, true, 40));
        addDialogComponent(new DialogComponentBoolean(s.m_overwrite, LABEL_OVERWRITE));
    }
}
