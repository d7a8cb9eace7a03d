package org.bertlab.knime.nodes.corpus;

import static org.bertlab.knime.nodes.corpus.CorpusGeneratorSettings.*;

import org.knime.core.node.defaultnodesettings.DefaultNodeSettingsPane;
import org.knime.core.node.defaultnodesettings.DialogComponentNumber;
import org.knime.core.node.defaultnodesettings.DialogComponentString;
import org.knime.core.node.defaultnodesettings.DialogComponentStringSelection;

final class CorpusGeneratorNodeDialog extends DefaultNodeSettingsPane {

    CorpusGeneratorNodeDialog() {
        final CorpusGeneratorSettings s = new CorpusGeneratorSettings();
        addDialogComponent(new DialogComponentStringSelection(s.m_kind, LABEL_KIND, KINDS));
        addDialogComponent(new DialogComponentNumber(s.m_vocab, LABEL_VOCAB, 100));
        addDialogComponent(new DialogComponentNumber(s.m_count, LABEL_COUNT, 100));
        addDialogComponent(new DialogComponentNumber(s.m_minLength, LABEL_MIN_LENGTH, 8));
        addDialogComponent(new DialogComponentNumber(s.m_maxLength, LABEL_MAX_LENGTH, 8));
        addDialogComponent(new DialogComponentNumber(s.m_zipf, LABEL_ZIPF, 0.1));
        addDialogComponent(new DialogComponentNumber(s.m_shuffleN, LABEL_SHUFFLE_N, 1));
        addDialogComponent(new DialogComponentNumber(s.m_maxDepth, LABEL_MAX_DEPTH, 1));
        addDialogComponent(new DialogComponentNumber(s.m_seed, LABEL_SEED, 1));
        addDialogComponent(new DialogComponentString(s.m_motif, LABEL_MOTIF));
    }
}
