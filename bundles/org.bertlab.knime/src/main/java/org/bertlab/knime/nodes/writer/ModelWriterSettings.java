package org.bertlab.knime.nodes.writer;

import org.bertlab.knime.util.SettingsBase;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.defaultnodesettings.SettingsModelBoolean;
import org.knime.core.node.defaultnodesettings.SettingsModelString;

/** Keys, labels, defaults and checks of the BERT Model Writer. */
final class ModelWriterSettings extends SettingsBase {

    static final String KEY_FOLDER = "output_folder";
    static final String LABEL_FOLDER = "Output folder or URL";

    static final String KEY_OVERWRITE = "overwrite";
    static final String LABEL_OVERWRITE = "Overwrite model files in a folder holding other files";

    final SettingsModelString m_folder = register(new SettingsModelString(KEY_FOLDER, ""));
    /** Off by default: a folder of someone else's files is refused; on, only the model's own files there are replaced. */
    final SettingsModelBoolean m_overwrite = register(new SettingsModelBoolean(KEY_OVERWRITE, false),
            "overwrite", LABEL_OVERWRITE);

    @Override
    protected SettingsBase fresh() {
        return new ModelWriterSettings();
    }

    @Override
    public void check() throws InvalidSettingsException {
        if (m_folder.getStringValue().isBlank()) {
            throw invalid(LABEL_FOLDER, "give the folder to write the model to");
        }
    }
}
