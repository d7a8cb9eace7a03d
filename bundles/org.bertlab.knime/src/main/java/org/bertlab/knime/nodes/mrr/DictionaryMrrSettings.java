package org.bertlab.knime.nodes.mrr;

import org.bertlab.core.embed.LayerSelection;
import org.bertlab.core.align.MrrOptions;
import org.bertlab.knime.util.DeviceSettings;
import org.bertlab.knime.util.SettingsBase;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.defaultnodesettings.SettingsModelBoolean;
import org.knime.core.node.defaultnodesettings.SettingsModelIntegerBounded;
import org.knime.core.node.defaultnodesettings.SettingsModelString;

/** Keys, labels, defaults and checks of the Dictionary MRR node; the engine's {@link MrrOptions} validates. */
final class DictionaryMrrSettings extends SettingsBase {

    static final String KEY_SOURCE = "source_column";
    static final String LABEL_SOURCE = "Source word column";

    static final String KEY_TARGET = "target_column";
    static final String LABEL_TARGET = "Target word column";

    static final String KEY_TEXT = "corpus_text_column";
    static final String LABEL_TEXT = "Corpus text column";

    static final String KEY_LANGUAGE = "corpus_language_column";
    static final String LABEL_LANGUAGE = "Corpus language column";

    static final String KEY_SOURCE_LANGUAGE = "source_language";
    static final String LABEL_SOURCE_LANGUAGE = "Source language value";

    static final String KEY_MODE = "mode";
    static final String LABEL_MODE = "Word vectors";

    static final String KEY_PIECES = "pieces";
    static final String LABEL_PIECES = "Word pieces";

    static final String KEY_CANDIDATES = "candidates";
    static final String LABEL_CANDIDATES = "Candidates";

    static final String KEY_CENTER = "center";
    static final String LABEL_CENTER = "Also evaluate centred vectors";

    static final String KEY_LAYERS = "layers";
    static final String LABEL_LAYERS = "Layers";

    static final String KEY_BATCH = "batch_size";
    static final String LABEL_BATCH = "Batch size";

    final SettingsModelString m_source = register(new SettingsModelString(KEY_SOURCE, ""));
    final SettingsModelString m_target = register(new SettingsModelString(KEY_TARGET, ""));
    final SettingsModelString m_text = register(new SettingsModelString(KEY_TEXT, null));
    final SettingsModelString m_language = register(new SettingsModelString(KEY_LANGUAGE, null));
    final SettingsModelString m_sourceLanguage = register(new SettingsModelString(KEY_SOURCE_LANGUAGE, "en"));
    final SettingsModelString m_mode = register(new SettingsModelString(KEY_MODE, "isolated"), "mode", LABEL_MODE);
    final SettingsModelString m_pieces = register(new SettingsModelString(KEY_PIECES, "mean"), "pieces", LABEL_PIECES);
    final SettingsModelString m_candidates = register(new SettingsModelString(KEY_CANDIDATES, "dictionary"),
            "candidates", LABEL_CANDIDATES);
    final SettingsModelBoolean m_center = register(new SettingsModelBoolean(KEY_CENTER, true), "center", LABEL_CENTER);
    final SettingsModelString m_layers = register(new SettingsModelString(KEY_LAYERS, "all"), "layers", LABEL_LAYERS);
    final SettingsModelIntegerBounded m_batch =
        register(new SettingsModelIntegerBounded(KEY_BATCH, MrrOptions.DEFAULT_BATCH_SIZE, 1, 4096),
            "batch", LABEL_BATCH);

    /** Where the node runs the model: "as the model" (its input port's device) or its own. */
    final DeviceSettings m_run = registerDevice();

    @Override
    protected SettingsBase fresh() {
        return new DictionaryMrrSettings();
    }

    @Override
    public void check() throws InvalidSettingsException {
        requireParsable(LABEL_MODE, () -> MrrOptions.Mode.parse(m_mode.getStringValue()));
        requireParsable(LABEL_PIECES, () -> MrrOptions.Pieces.parse(m_pieces.getStringValue()));
        requireParsable(LABEL_CANDIDATES, () -> MrrOptions.Candidates.parse(m_candidates.getStringValue()));
        if (!LayerSelection.isWellFormed(m_layers.getStringValue())) {
            throw invalid(LABEL_LAYERS, "use all, last or a list like 0,4");
        }
    }

    /** Checks the layers against a model with {@code numLayers} encoder layers (known from the model spec). */
    void checkLayers(final int numLayers) throws InvalidSettingsException {
        parsed(LABEL_LAYERS, () -> {
            LayerSelection.requireExisting(LayerSelection.parse(m_layers.getStringValue(), numLayers), numLayers);
            return null;
        });
    }

    /** Whether the word vectors or candidates need the corpus table (contextual vectors, corpus candidates). */
    boolean needsCorpus() {
        return MrrOptions.builder().mode(MrrOptions.Mode.parse(m_mode.getStringValue()))
            .candidates(MrrOptions.Candidates.parse(m_candidates.getStringValue())).build().needsCorpus();
    }

    /** The engine's options; {@code numLayers} resolves "last". */
    MrrOptions options(final int numLayers) {
        final String layers = m_layers.getStringValue().trim();
        final MrrOptions.Builder b = MrrOptions.builder().mode(MrrOptions.Mode.parse(m_mode.getStringValue()))
            .pieces(MrrOptions.Pieces.parse(m_pieces.getStringValue()))
            .candidates(MrrOptions.Candidates.parse(m_candidates.getStringValue()))
            .centring(m_center.getBooleanValue() ? MrrOptions.Centring.BOTH : MrrOptions.Centring.RAW).batchSize(m_batch.getIntValue());
        return b.layers(LayerSelection.parse(layers, numLayers)).build();
    }
}
