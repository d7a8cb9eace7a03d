package org.bertlab.knime.nodes.writer;

import static org.bertlab.knime.nodes.writer.ModelWriterSettings.*;

import javax.swing.JFileChooser;

import org.knime.core.node.defaultnodesettings.DefaultNodeSettingsPane;
import org.knime.core.node.defaultnodesettings.DialogComponentBoolean;
import org.knime.core.node.defaultnodesettings.DialogComponentFileChooser;

final class ModelWriterNodeDialog extends DefaultNodeSettingsPane {

    ModelWriterNodeDialog() {
        final ModelWriterSettings s = new ModelWriterSettings();
        // KNIME's file chooser: browse, history, and knime:// URLs (workflow- or mountpoint-relative)
        final DialogComponentFileChooser folder =
            new DialogComponentFileChooser(s.m_folder, "bertlab-model-folder", JFileChooser.SAVE_DIALOG, true);
        folder.setBorderTitle(LABEL_FOLDER);
        addDialogComponent(folder);
        addDialogComponent(new DialogComponentBoolean(s.m_overwrite, LABEL_OVERWRITE));
    }
}
