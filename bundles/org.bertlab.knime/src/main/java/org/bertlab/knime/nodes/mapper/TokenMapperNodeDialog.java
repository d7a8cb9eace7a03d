package org.bertlab.knime.nodes.mapper;

import static org.bertlab.knime.nodes.mapper.TokenMapperSettings.*;

import org.knime.core.data.StringValue;
import org.knime.core.node.defaultnodesettings.DefaultNodeSettingsPane;
import org.knime.core.node.defaultnodesettings.DialogComponentColumnNameSelection;
import org.knime.core.node.defaultnodesettings.DialogComponentNumber;
import org.knime.core.node.defaultnodesettings.DialogComponentString;
import org.knime.core.node.defaultnodesettings.DialogComponentStringSelection;

final class TokenMapperNodeDialog extends DefaultNodeSettingsPane {

    @SuppressWarnings("unchecked")
    TokenMapperNodeDialog() {
        final TokenMapperSettings s = new TokenMapperSettings();
        addDialogComponent(new DialogComponentColumnNameSelection(s.m_column, LABEL_COLUMN, 1, StringValue.class));
        addDialogComponent(new DialogComponentStringSelection(s.m_unit, LABEL_UNIT, UNIT_KMER, UNIT_UNITS));
        addDialogComponent(new DialogComponentNumber(s.m_k, LABEL_K, 1));
        addDialogComponent(new DialogComponentNumber(s.m_stride, LABEL_STRIDE, 1));
        addDialogComponent(
            new DialogComponentStringSelection(s.m_strategy, LABEL_STRATEGY, STRATEGY_FREQUENCY, STRATEGY_RANDOM));
        addDialogComponent(new DialogComponentNumber(s.m_seed, LABEL_SEED, 1));
        addDialogComponent(new DialogComponentString(s.m_unknown, LABEL_UNKNOWN));
    }
}
