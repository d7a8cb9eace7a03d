package org.bertlab.knime.nodes.squad;

import org.bertlab.knime.util.FileChoosers;
import org.knime.core.node.defaultnodesettings.DefaultNodeSettingsPane;

final class SquadReaderNodeDialog extends DefaultNodeSettingsPane {

    SquadReaderNodeDialog() {
        final SquadReaderSettings s = new SquadReaderSettings();
        addDialogComponent(
            FileChoosers.fileToRead(s.m_file, SquadReaderSettings.LABEL_FILE, "bertlab.squad.reader", ".json"));
    }
}
