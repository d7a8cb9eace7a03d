package org.bertlab.knime.nodes.offset;

import static org.bertlab.knime.nodes.offset.LanguageOffsetSettings.*;

import org.knime.core.data.StringValue;
import org.knime.core.node.defaultnodesettings.DefaultNodeSettingsPane;
import org.knime.core.node.defaultnodesettings.DialogComponentColumnNameSelection;
import org.knime.core.node.defaultnodesettings.DialogComponentNumber;
import org.knime.core.node.defaultnodesettings.DialogComponentString;
import org.knime.core.node.defaultnodesettings.DialogComponentStringSelection;

final class LanguageOffsetNodeDialog extends DefaultNodeSettingsPane {

    @SuppressWarnings("unchecked")
    LanguageOffsetNodeDialog() {
        final LanguageOffsetSettings s = new LanguageOffsetSettings();
        createNewGroup("Corpus");
        addDialogComponent(new DialogComponentColumnNameSelection(s.m_text, LABEL_TEXT, 1, StringValue.class));
        addDialogComponent(new DialogComponentColumnNameSelection(s.m_language, LABEL_LANGUAGE, 1, StringValue.class));
        addDialogComponent(new DialogComponentString(s.m_sourceLanguage, LABEL_SOURCE_LANGUAGE));
        createNewGroup("Dictionary (optional third input)");
        addDialogComponent(
            new DialogComponentColumnNameSelection(s.m_source, LABEL_SOURCE, 2, false, true, StringValue.class));
        addDialogComponent(
            new DialogComponentColumnNameSelection(s.m_target, LABEL_TARGET, 2, false, true, StringValue.class));
        createNewGroup("Evaluation");
        addDialogComponent(new DialogComponentStringSelection(s.m_pieces, LABEL_PIECES, "mean", "first"));
        addDialogComponent(
            new DialogComponentStringSelection(s.m_candidates, LABEL_CANDIDATES, "dictionary", "corpus"));
        addDialogComponent(new DialogComponentNumber(s.m_topK, LABEL_TOP_K, 1));
        addDialogComponent(new DialogComponentString(s.m_layers, LABEL_LAYERS));
        addDialogComponent(new DialogComponentNumber(s.m_batch, LABEL_BATCH, 8));
        s.m_run.addTo(this);
    }
}
