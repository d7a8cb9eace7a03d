package org.bertlab.knime.nodes.mrr;

import static org.bertlab.knime.nodes.mrr.DictionaryMrrSettings.*;

import org.knime.core.data.StringValue;
import org.knime.core.node.defaultnodesettings.DefaultNodeSettingsPane;
import org.knime.core.node.defaultnodesettings.DialogComponentBoolean;
import org.knime.core.node.defaultnodesettings.DialogComponentColumnNameSelection;
import org.knime.core.node.defaultnodesettings.DialogComponentNumber;
import org.knime.core.node.defaultnodesettings.DialogComponentString;
import org.knime.core.node.defaultnodesettings.DialogComponentStringSelection;

final class DictionaryMrrNodeDialog extends DefaultNodeSettingsPane {

    @SuppressWarnings("unchecked")
    DictionaryMrrNodeDialog() {
        final DictionaryMrrSettings s = new DictionaryMrrSettings();
        createNewGroup("Dictionary");
        addDialogComponent(new DialogComponentColumnNameSelection(s.m_source, LABEL_SOURCE, 1, StringValue.class));
        addDialogComponent(new DialogComponentColumnNameSelection(s.m_target, LABEL_TARGET, 1, StringValue.class));
        createNewGroup("Corpus (optional third input)");
        addDialogComponent(
            new DialogComponentColumnNameSelection(s.m_text, LABEL_TEXT, 2, false, true, StringValue.class));
        addDialogComponent(
            new DialogComponentColumnNameSelection(s.m_language, LABEL_LANGUAGE, 2, false, true, StringValue.class));
        addDialogComponent(new DialogComponentString(s.m_sourceLanguage, LABEL_SOURCE_LANGUAGE));
        createNewGroup("Evaluation");
        addDialogComponent(
            new DialogComponentStringSelection(s.m_mode, LABEL_MODE, "isolated", "contextual", "static"));
        addDialogComponent(new DialogComponentStringSelection(s.m_pieces, LABEL_PIECES, "mean", "first"));
        addDialogComponent(
            new DialogComponentStringSelection(s.m_candidates, LABEL_CANDIDATES, "dictionary", "corpus"));
        addDialogComponent(new DialogComponentBoolean(s.m_center, LABEL_CENTER));
        addDialogComponent(new DialogComponentString(s.m_layers, LABEL_LAYERS));
        addDialogComponent(new DialogComponentNumber(s.m_batch, LABEL_BATCH, 8));
        s.m_run.addTo(this);
    }
}
