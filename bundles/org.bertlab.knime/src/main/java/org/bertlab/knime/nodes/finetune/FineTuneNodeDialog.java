package org.bertlab.knime.nodes.finetune;

import static org.bertlab.knime.nodes.finetune.FineTuneSettings.*;

import org.knime.core.data.DataValue;
import org.knime.core.data.IntValue;
import org.knime.core.data.StringValue;
import org.knime.core.node.defaultnodesettings.DefaultNodeSettingsPane;
import org.knime.core.node.defaultnodesettings.DialogComponentBoolean;
import org.knime.core.node.defaultnodesettings.DialogComponentColumnNameSelection;
import org.knime.core.node.defaultnodesettings.DialogComponentNumber;
import org.knime.core.node.defaultnodesettings.DialogComponentStringSelection;

final class FineTuneNodeDialog extends DefaultNodeSettingsPane {

    @SuppressWarnings("unchecked")
    FineTuneNodeDialog() {
        final FineTuneSettings s = new FineTuneSettings();
        addDialogComponent(new DialogComponentStringSelection(s.m_task, LABEL_TASK, TASKS));
        createNewGroup("Training table");
        addDialogComponent(new DialogComponentColumnNameSelection(s.m_text, LABEL_TEXT, 1, StringValue.class));
        addDialogComponent(
            new DialogComponentColumnNameSelection(s.m_pair, LABEL_PAIR, 1, false, true, StringValue.class));
        addDialogComponent(
            new DialogComponentColumnNameSelection(s.m_label, LABEL_LABEL, 1, false, true, DataValue.class));
        addDialogComponent(
            new DialogComponentColumnNameSelection(s.m_answerStart, LABEL_ANSWER_START, 1, false, true, IntValue.class));
        createNewGroup("Training");
        addDialogComponent(new DialogComponentNumber(s.m_epochs, LABEL_EPOCHS, 1));
        addDialogComponent(new DialogComponentNumber(s.m_batch, LABEL_BATCH, 4));
        addDialogComponent(new DialogComponentNumber(s.m_lr, LABEL_LR, 1e-5));
        addDialogComponent(new DialogComponentNumber(s.m_maxLength, LABEL_MAX_LENGTH, 16));
        addDialogComponent(new DialogComponentNumber(s.m_validation, LABEL_VALIDATION, 0.05));
        addDialogComponent(new DialogComponentBoolean(s.m_freeze, LABEL_FREEZE));
        addDialogComponent(new DialogComponentNumber(s.m_seed, LABEL_SEED, 1));
        s.m_run.addTo(this);
        createNewGroup("Pre-training from scratch");
        addDialogComponent(new DialogComponentNumber(s.m_layers, LABEL_LAYERS, 1));
        addDialogComponent(new DialogComponentNumber(s.m_hidden, LABEL_HIDDEN, 16));
        addDialogComponent(new DialogComponentNumber(s.m_heads, LABEL_HEADS, 1));
        addDialogComponent(new DialogComponentNumber(s.m_vocab, LABEL_VOCAB, 1000));
    }
}
