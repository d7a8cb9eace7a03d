package org.bertlab.knime.nodes.squad;

import org.knime.core.node.defaultnodesettings.DefaultNodeSettingsPane;
import org.knime.core.node.defaultnodesettings.DialogComponentFileChooser;

final class SquadReaderNodeDialog extends DefaultNodeSettingsPane {

    SquadReaderNodeDialog() {
        final SquadReaderSettings s = new SquadReaderSettings();
        final DialogComponentFileChooser file =
            new DialogComponentFileChooser(s.m_file, "bertlab.squad.reader", ".json");
        file.setBorderTitle(SquadReaderSettings.LABEL_FILE);
        addDialogComponent(file);
    }
}
