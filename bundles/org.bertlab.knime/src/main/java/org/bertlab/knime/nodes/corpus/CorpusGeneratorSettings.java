package org.bertlab.knime.nodes.corpus;

import java.util.Arrays;

import org.bertlab.core.corpus.CorpusKind;
import org.bertlab.core.corpus.CorpusOptions;
import org.bertlab.knime.util.SettingsBase;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.defaultnodesettings.SettingsModelDoubleBounded;
import org.knime.core.node.defaultnodesettings.SettingsModelIntegerBounded;
import org.knime.core.node.defaultnodesettings.SettingsModelLong;
import org.knime.core.node.defaultnodesettings.SettingsModelString;

/** Keys, labels and defaults of the Artificial Corpus Generator; the engine's {@link CorpusOptions} validates. */
final class CorpusGeneratorSettings extends SettingsBase {

    static final String KEY_KIND = "kind";
    static final String LABEL_KIND = "Corpus kind";

    static final String KEY_VOCAB = "vocabulary_size";
    static final String LABEL_VOCAB = "Vocabulary size";

    static final String KEY_COUNT = "count";
    static final String LABEL_COUNT = "Number of sequences";

    static final String KEY_MIN_LENGTH = "min_length";
    static final String LABEL_MIN_LENGTH = "Minimum length";

    static final String KEY_MAX_LENGTH = "max_length";
    static final String LABEL_MAX_LENGTH = "Maximum length";

    static final String KEY_ZIPF = "zipf_exponent";
    static final String LABEL_ZIPF = "Zipf exponent";

    static final String KEY_SHUFFLE_N = "shuffle_n";
    static final String LABEL_SHUFFLE_N = "Shuffle window n";

    static final String KEY_MAX_DEPTH = "max_depth";
    static final String LABEL_MAX_DEPTH = "Maximum nesting depth";

    static final String KEY_SEED = "seed";
    static final String LABEL_SEED = "Random seed";

    static final String KEY_MOTIF = "dna_motif";
    static final String LABEL_MOTIF = "DNA motif";

    static final String[] KINDS = Arrays.stream(CorpusKind.values()).map(CorpusKind::commandLineName)
        .toArray(String[]::new);

    final SettingsModelString m_kind =
        register(new SettingsModelString(KEY_KIND, CorpusOptions.DEFAULT_KIND.commandLineName()));
    final SettingsModelIntegerBounded m_vocab = register(new SettingsModelIntegerBounded(KEY_VOCAB,
        CorpusOptions.DEFAULT_VOCABULARY_SIZE, 1, CorpusOptions.MAX_VOCABULARY_SIZE));
    final SettingsModelIntegerBounded m_count =
        register(new SettingsModelIntegerBounded(KEY_COUNT, CorpusOptions.DEFAULT_COUNT, 1, Integer.MAX_VALUE));
    final SettingsModelIntegerBounded m_minLength = register(new SettingsModelIntegerBounded(KEY_MIN_LENGTH,
        CorpusOptions.DEFAULT_MIN_LENGTH, 1, CorpusOptions.MAX_SEQUENCE_LENGTH));
    final SettingsModelIntegerBounded m_maxLength = register(new SettingsModelIntegerBounded(KEY_MAX_LENGTH,
        CorpusOptions.DEFAULT_MAX_LENGTH, 1, CorpusOptions.MAX_SEQUENCE_LENGTH));
    final SettingsModelDoubleBounded m_zipf = register(new SettingsModelDoubleBounded(KEY_ZIPF,
        CorpusOptions.DEFAULT_ZIPF_EXPONENT, 0, CorpusOptions.MAX_ZIPF_EXPONENT));
    final SettingsModelIntegerBounded m_shuffleN =
        register(new SettingsModelIntegerBounded(KEY_SHUFFLE_N, CorpusOptions.DEFAULT_SHUFFLE_N, 1, 1_000_000));
    final SettingsModelIntegerBounded m_maxDepth =
        register(new SettingsModelIntegerBounded(KEY_MAX_DEPTH, CorpusOptions.DEFAULT_MAX_DEPTH, 1, 1_000_000));
    final SettingsModelLong m_seed = register(new SettingsModelLong(KEY_SEED, CorpusOptions.DEFAULT_SEED));
    final SettingsModelString m_motif = register(new SettingsModelString(KEY_MOTIF, CorpusOptions.DEFAULT_DNA_MOTIF));

    @Override
    protected SettingsBase fresh() {
        return new CorpusGeneratorSettings();
    }

    @Override
    public void check() throws InvalidSettingsException {
        requireParsable(LABEL_KIND, () -> CorpusKind.fromCommandLineName(m_kind.getStringValue()));
        if (m_minLength.getIntValue() > m_maxLength.getIntValue()) {
            throw invalid(LABEL_MIN_LENGTH, "must not exceed \"" + LABEL_MAX_LENGTH + "\"");
        }
        try {
            options();
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingsException(e.getMessage(), e);
        }
    }

    CorpusOptions options() {
        return CorpusOptions.builder().kind(m_kind.getStringValue()).vocabularySize(m_vocab.getIntValue())
            .count(m_count.getIntValue()).minLength(m_minLength.getIntValue()).maxLength(m_maxLength.getIntValue())
            .zipfExponent(m_zipf.getDoubleValue()).shuffleN(m_shuffleN.getIntValue())
            .maxDepth(m_maxDepth.getIntValue()).seed(m_seed.getLongValue()).dnaMotif(m_motif.getStringValue())
            .build();
    }
}
