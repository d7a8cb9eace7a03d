package org.bertlab.knime.nodes.load;

import org.bertlab.core.model.LoadOptions;
import org.bertlab.core.runtime.DeviceChoice;
import org.bertlab.knime.util.DeviceSettings;
import org.bertlab.knime.util.SettingsBase;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.defaultnodesettings.SettingsModelBoolean;
import org.knime.core.node.defaultnodesettings.SettingsModelIntegerBounded;
import org.knime.core.node.defaultnodesettings.SettingsModelString;

/** Keys, labels, defaults and checks of the Load BERT node. */
final class LoadBertSettings extends SettingsBase {

    static final String KEY_USE_DEFAULT = "use_default_model";
    static final String LABEL_USE_DEFAULT = "Use the built-in default model";

    static final String KEY_FOLDER = "model_folder";
    static final String LABEL_FOLDER = "Model folder or URL";

    static final String KEY_LOWERCASE = "lowercase";
    static final String LABEL_LOWERCASE = "Lowercase";

    static final String KEY_MAX_LENGTH = "max_length";
    static final String LABEL_MAX_LENGTH = "Maximum length (0 = model's)";

    static final String KEY_PRECISION = "precision";
    static final String LABEL_PRECISION = "Precision";

    /** The engine's precisions: fp32; fp16 and bf16 halve the weights on a GPU; int8 products on the CPU. */
    static final String[] PRECISIONS = {"fp32", "fp16", "int8"};

    static final String KEY_DEVICE = "device";
    static final String LABEL_DEVICE = "Device";

    static final String KEY_STORE_WEIGHTS = "store_weights";
    static final String LABEL_STORE_WEIGHTS = "Store the weights in the workflow (off: reference the model folder)";

    static final String LOWERCASE_AUTO = "as the model says";
    static final String LOWERCASE_YES = "yes";
    static final String LOWERCASE_NO = "no";

    /** Uses the device of the preference page. */
    static final String DEVICE_PREFERENCE = "preference";

    final SettingsModelBoolean m_useDefault = register(new SettingsModelBoolean(KEY_USE_DEFAULT, true));
    final SettingsModelString m_folder = register(new SettingsModelString(KEY_FOLDER, ""));
    final SettingsModelString m_lowercase = register(new SettingsModelString(KEY_LOWERCASE, LOWERCASE_AUTO),
            "lowercase", LABEL_LOWERCASE);
    final SettingsModelIntegerBounded m_maxLength =
        register(new SettingsModelIntegerBounded(KEY_MAX_LENGTH, 0, 0, 1_000_000), "max-length", LABEL_MAX_LENGTH);
    final SettingsModelString m_precision =
        register(addedLater(KEY_PRECISION, new SettingsModelString(KEY_PRECISION, LoadOptions.DEFAULT.precision())),
            "precision", LABEL_PRECISION);
    final SettingsModelString m_device = register(new SettingsModelString(KEY_DEVICE, DEVICE_PREFERENCE),
            "device", LABEL_DEVICE);

    /** A GPU asked for and missing fails the node instead of warning (a scheduled job must not run on the CPU). */
    final SettingsModelBoolean m_failIfGpuMissing = register(addedLater(DeviceSettings.KEY_FAIL_IF_GPU_MISSING,
        new SettingsModelBoolean(DeviceSettings.KEY_FAIL_IF_GPU_MISSING, false)));

    /**
     * On (default): the weights are saved with the workflow, which then runs anywhere. Off: the port only names the
     * folder (or the built-in model), for large models on shared storage; the folder must exist where it runs.
     */
    final SettingsModelBoolean m_storeWeights =
        register(addedLater(KEY_STORE_WEIGHTS, new SettingsModelBoolean(KEY_STORE_WEIGHTS, true)));

    @Override
    protected SettingsBase fresh() {
        return new LoadBertSettings();
    }

    @Override
    public void check() throws InvalidSettingsException {
        if (!m_useDefault.getBooleanValue() && m_folder.getStringValue().isBlank()) {
            throw invalid(LABEL_FOLDER, "give a model folder (or a KNIME URL), or use the built-in default model");
        }
        final String lc = m_lowercase.getStringValue();
        if (!lc.equals(LOWERCASE_AUTO) && !lc.equals(LOWERCASE_YES) && !lc.equals(LOWERCASE_NO)) {
            throw invalid(LABEL_LOWERCASE, "unknown value " + lc);
        }
        requireParsable(LABEL_PRECISION, () -> LoadOptions.DEFAULT.withPrecision(m_precision.getStringValue()));
        if (!m_device.getStringValue().equals(DEVICE_PREFERENCE)) {
            requireParsable(LABEL_DEVICE, () -> DeviceChoice.parse(m_device.getStringValue()));
        }
    }

    Boolean lowercase() {
        return switch (m_lowercase.getStringValue()) {
            case LOWERCASE_YES -> Boolean.TRUE;
            case LOWERCASE_NO -> Boolean.FALSE;
            default -> null;
        };
    }
}
