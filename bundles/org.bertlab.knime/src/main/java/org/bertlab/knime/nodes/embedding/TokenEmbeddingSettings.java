package org.bertlab.knime.nodes.embedding;

import org.bertlab.core.embed.LayerSelection;
import org.bertlab.core.embed.EmbeddingOptions;
import org.bertlab.core.embed.Pooling;
import org.bertlab.knime.util.DeviceSettings;
import org.bertlab.knime.util.SettingsBase;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.defaultnodesettings.SettingsModelBoolean;
import org.knime.core.node.defaultnodesettings.SettingsModelIntegerBounded;
import org.knime.core.node.defaultnodesettings.SettingsModelString;

/** Keys, labels, defaults and checks of the Token Embedding node. */
final class TokenEmbeddingSettings extends SettingsBase {

    static final String KEY_TEXT = "text_column";
    static final String LABEL_TEXT = "Text column";

    static final String KEY_PAIR = "pair_column";
    static final String LABEL_PAIR = "Second text column";

    static final String KEY_LAYERS = "layers";
    static final String LABEL_LAYERS = "Layers";

    static final String KEY_POOLING = "pooling";
    static final String LABEL_POOLING = "Output";

    static final String KEY_BATCH = "batch_size";
    static final String LABEL_BATCH = "Batch size";

    static final String KEY_SPECIAL = "include_special_tokens";
    static final String LABEL_SPECIAL = "Include [CLS] and [SEP]";

    /** Output choices: one row per token, or one pooled vector per text. */
    static final String[] OUTPUTS = {"none", "mean", "cls", "max"};

    final SettingsModelString m_text = register(new SettingsModelString(KEY_TEXT, ""));
    final SettingsModelString m_pair = register(new SettingsModelString(KEY_PAIR, null));
    final SettingsModelString m_layers = register(new SettingsModelString(KEY_LAYERS, "last"), "layers", LABEL_LAYERS);
    final SettingsModelString m_pooling = register(new SettingsModelString(KEY_POOLING, "mean"), "pool", LABEL_POOLING);
    final SettingsModelIntegerBounded m_batch = register(
        new SettingsModelIntegerBounded(KEY_BATCH, EmbeddingOptions.DEFAULT_BATCH_SIZE, 1, 4096), "batch", LABEL_BATCH);
    final SettingsModelBoolean m_special = register(new SettingsModelBoolean(KEY_SPECIAL, true));

    /** Where the node runs the model: "as the model" (its input port's device) or its own. */
    final DeviceSettings m_run = registerDevice();

    @Override
    protected SettingsBase fresh() {
        return new TokenEmbeddingSettings();
    }

    @Override
    public void check() throws InvalidSettingsException {
        requireParsable(LABEL_POOLING, () -> Pooling.parse(m_pooling.getStringValue()));
        final String layers = m_layers.getStringValue().trim();
        if (!LayerSelection.isWellFormed(layers)) {
            throw invalid(LABEL_LAYERS, "use all, last or a list like 0,4 (0 = embedding output)");
        }
    }

    /** The layers chosen, resolved for a model with {@code numLayers} encoder layers (all = 0 to numLayers). */
    int[] layers(final int numLayers) throws InvalidSettingsException {
        return parsed(LABEL_LAYERS,
            () -> LayerSelection.resolve(LayerSelection.parse(m_layers.getStringValue(), numLayers), numLayers));
    }

    Pooling pooling() {
        return Pooling.parse(m_pooling.getStringValue());
    }
}
