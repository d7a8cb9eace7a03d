package org.bertlab.knime.nodes.writer;

import static org.bertlab.knime.nodes.writer.ModelWriterSettings.*;

import org.bertlab.knime.util.FileChoosers;
import org.knime.core.node.defaultnodesettings.DefaultNodeSettingsPane;
import org.knime.core.node.defaultnodesettings.DialogComponentBoolean;

final class ModelWriterNodeDialog extends DefaultNodeSettingsPane {

    ModelWriterNodeDialog() {
        final ModelWriterSettings s = new ModelWriterSettings();
        addDialogComponent(FileChoosers.modelToWrite(s.m_folder, LABEL_FOLDER));
        addDialogComponent(new DialogComponentBoolean(s.m_overwrite, LABEL_OVERWRITE));
    }
}
