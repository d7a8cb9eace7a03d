package org.bertlab.knime.nodes.predictor;

import org.bertlab.core.predict.Predictor;
import org.bertlab.knime.util.DeviceSettings;
import org.bertlab.knime.util.SettingsBase;
import org.bertlab.knime.util.Tables;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.defaultnodesettings.SettingsModelIntegerBounded;
import org.knime.core.node.defaultnodesettings.SettingsModelString;

/** Keys, labels, defaults and checks of the BERT Predictor. */
final class BertPredictorSettings extends SettingsBase {

    static final String KEY_MODE = "mode";
    static final String LABEL_MODE = "Prediction";

    static final String KEY_TEXT = "text_column";
    static final String LABEL_TEXT = "Text column (question for answers)";

    static final String KEY_PAIR = "pair_column";
    static final String LABEL_PAIR = "Second text column (context for answers)";

    static final String KEY_BATCH = "batch_size";
    static final String LABEL_BATCH = "Batch size";

    static final String MODE_CLASSIFY = "classes";
    static final String MODE_ANSWER = "answers";

    final SettingsModelString m_mode = register(new SettingsModelString(KEY_MODE, MODE_CLASSIFY));
    final SettingsModelString m_text = register(new SettingsModelString(KEY_TEXT, ""));
    final SettingsModelString m_pair = register(new SettingsModelString(KEY_PAIR, null));
    final SettingsModelIntegerBounded m_batch =
        register(new SettingsModelIntegerBounded(KEY_BATCH, Predictor.DEFAULT_BATCH_SIZE, 1, 4096), "batch-size",
            LABEL_BATCH);

    /** Where the node runs the model: "as the model" (its input port's device) or its own. */
    final DeviceSettings m_run = registerDevice();

    @Override
    protected SettingsBase fresh() {
        return new BertPredictorSettings();
    }

    @Override
    public void check() throws InvalidSettingsException {
        final String mode = m_mode.getStringValue();
        if (!mode.equals(MODE_CLASSIFY) && !mode.equals(MODE_ANSWER)) {
            throw invalid(LABEL_MODE, "use " + MODE_CLASSIFY + " or " + MODE_ANSWER);
        }
        if (mode.equals(MODE_ANSWER) && Tables.isNone(m_pair.getStringValue())) {
            throw invalid(LABEL_PAIR, "answers need a context column");
        }
    }

    boolean answers() {
        return MODE_ANSWER.equals(m_mode.getStringValue());
    }
}
