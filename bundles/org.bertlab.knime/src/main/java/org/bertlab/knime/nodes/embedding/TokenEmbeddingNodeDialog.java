package org.bertlab.knime.nodes.embedding;

import static org.bertlab.knime.nodes.embedding.TokenEmbeddingSettings.*;

import org.knime.core.data.StringValue;
import org.knime.core.node.defaultnodesettings.DefaultNodeSettingsPane;
import org.knime.core.node.defaultnodesettings.DialogComponentBoolean;
import org.knime.core.node.defaultnodesettings.DialogComponentColumnNameSelection;
import org.knime.core.node.defaultnodesettings.DialogComponentNumber;
import org.knime.core.node.defaultnodesettings.DialogComponentString;
import org.knime.core.node.defaultnodesettings.DialogComponentStringSelection;

final class TokenEmbeddingNodeDialog extends DefaultNodeSettingsPane {

    @SuppressWarnings("unchecked")
    TokenEmbeddingNodeDialog() {
        final TokenEmbeddingSettings s = new TokenEmbeddingSettings();
        addDialogComponent(new DialogComponentColumnNameSelection(s.m_text, LABEL_TEXT, 1, StringValue.class));
        addDialogComponent(
            new DialogComponentColumnNameSelection(s.m_pair, LABEL_PAIR, 1, false, true, StringValue.class));
        addDialogComponent(new DialogComponentString(s.m_layers, LABEL_LAYERS));
        addDialogComponent(new DialogComponentStringSelection(s.m_pooling, LABEL_POOLING, OUTPUTS));
        addDialogComponent(new DialogComponentNumber(s.m_batch, LABEL_BATCH, 8));
        addDialogComponent(new DialogComponentBoolean(s.m_special, LABEL_SPECIAL));
        s.m_run.addTo(this);
    }
}
