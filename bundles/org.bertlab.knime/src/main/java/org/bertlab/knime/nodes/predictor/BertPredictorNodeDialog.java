package org.bertlab.knime.nodes.predictor;

import static org.bertlab.knime.nodes.predictor.BertPredictorSettings.*;

import org.knime.core.data.StringValue;
import org.knime.core.node.defaultnodesettings.DefaultNodeSettingsPane;
import org.knime.core.node.defaultnodesettings.DialogComponentColumnNameSelection;
import org.knime.core.node.defaultnodesettings.DialogComponentNumber;
import org.knime.core.node.defaultnodesettings.DialogComponentStringSelection;

final class BertPredictorNodeDialog extends DefaultNodeSettingsPane {

    @SuppressWarnings("unchecked")
    BertPredictorNodeDialog() {
        final BertPredictorSettings s = new BertPredictorSettings();
        addDialogComponent(new DialogComponentStringSelection(s.m_mode, LABEL_MODE, MODE_CLASSIFY, MODE_ANSWER));
        addDialogComponent(new DialogComponentColumnNameSelection(s.m_text, LABEL_TEXT, 1, StringValue.class));
        addDialogComponent(
            new DialogComponentColumnNameSelection(s.m_pair, LABEL_PAIR, 1, false, true, StringValue.class));
        addDialogComponent(new DialogComponentNumber(s.m_batch, LABEL_BATCH, 8));
        s.m_run.addTo(this);
    }
}
