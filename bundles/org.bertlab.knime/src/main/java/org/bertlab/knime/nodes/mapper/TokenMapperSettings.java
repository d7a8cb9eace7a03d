package org.bertlab.knime.nodes.mapper;

import org.bertlab.core.mapping.SymbolTokenizer;
import org.bertlab.core.mapping.UnknownSymbolPolicy;
import org.bertlab.knime.util.SettingsBase;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.defaultnodesettings.SettingsModelIntegerBounded;
import org.knime.core.node.defaultnodesettings.SettingsModelLong;
import org.knime.core.node.defaultnodesettings.SettingsModelString;

/** Keys, labels, defaults and checks of the Token Mapper. */
final class TokenMapperSettings extends SettingsBase {

    static final String KEY_COLUMN = "sequence_column";
    static final String LABEL_COLUMN = "Sequence column";

    static final String KEY_UNIT = "symbol_unit";
    static final String LABEL_UNIT = "Symbols";

    static final String KEY_K = "k";
    static final String LABEL_K = "k (k-mer length)";

    static final String KEY_STRIDE = "stride";
    static final String LABEL_STRIDE = "Stride";

    static final String KEY_STRATEGY = "strategy";
    static final String LABEL_STRATEGY = "Matching";

    static final String KEY_SEED = "seed";
    static final String LABEL_SEED = "Random seed";

    static final String KEY_UNKNOWN = "unknown_symbols";
    static final String LABEL_UNKNOWN = "Unknown symbols";

    static final String UNIT_KMER = "k-mers";
    static final String UNIT_UNITS = "space-separated units";
    static final String STRATEGY_FREQUENCY = "by frequency rank";
    static final String STRATEGY_RANDOM = "random";

    final SettingsModelString m_column = register(new SettingsModelString(KEY_COLUMN, ""));
    final SettingsModelString m_unit = register(new SettingsModelString(KEY_UNIT, UNIT_KMER));
    final SettingsModelIntegerBounded m_k =
        register(new SettingsModelIntegerBounded(KEY_K, 3, 1, SymbolTokenizer.MAX_K));
    final SettingsModelIntegerBounded m_stride = register(new SettingsModelIntegerBounded(KEY_STRIDE, 3, 1, 64));
    final SettingsModelString m_strategy = register(new SettingsModelString(KEY_STRATEGY, STRATEGY_FREQUENCY));
    final SettingsModelLong m_seed = register(new SettingsModelLong(KEY_SEED, 42L));
    final SettingsModelString m_unknown = register(new SettingsModelString(KEY_UNKNOWN, "fail"));

    @Override
    protected SettingsBase fresh() {
        return new TokenMapperSettings();
    }

    @Override
    public void check() throws InvalidSettingsException {
        try {
            UnknownSymbolPolicy.fromSetting(m_unknown.getStringValue());
        } catch (IllegalArgumentException e) {
            throw invalid(LABEL_UNKNOWN, "use fail, skip or replace:TOKEN (" + e.getMessage() + ")");
        }
        requireParsable(LABEL_STRIDE, () -> tokenizer());
    }

    SymbolTokenizer tokenizer() {
        return m_unit.getStringValue().equals(UNIT_UNITS) ? SymbolTokenizer.units()
            : SymbolTokenizer.kmers(m_k.getIntValue(), m_stride.getIntValue());
    }
}
