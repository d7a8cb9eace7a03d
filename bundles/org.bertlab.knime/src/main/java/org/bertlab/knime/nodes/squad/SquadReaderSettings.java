package org.bertlab.knime.nodes.squad;

import java.nio.file.Files;
import java.nio.file.Path;

import org.bertlab.knime.util.Paths;
import org.bertlab.knime.util.SettingsBase;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.defaultnodesettings.SettingsModelString;

/** Keys, labels and checks of the SQuAD Reader. */
final class SquadReaderSettings extends SettingsBase {

    static final String KEY_FILE = "file";
    static final String LABEL_FILE = "SQuAD JSON file";

    final SettingsModelString m_file = register(new SettingsModelString(KEY_FILE, ""));

    @Override
    protected SettingsBase fresh() {
        return new SquadReaderSettings();
    }

    /** Only that a file is named: whether it exists is checked at configure ({@link #file()}), not on load. */
    @Override
    public void check() throws InvalidSettingsException {
        final String file = m_file.getStringValue();
        if (file == null || file.isBlank()) {
            throw invalid(LABEL_FILE, "choose a SQuAD v1.1 or DRCD .json file");
        }
    }

    /** The file, which must exist and be a file. */
    Path file() throws InvalidSettingsException {
        check();
        final Path file = Paths.resolve(m_file.getStringValue().strip(), LABEL_FILE);
        if (!Files.exists(file)) {
            throw invalid(LABEL_FILE, file + " does not exist");
        }
        if (!Files.isRegularFile(file)) {
            throw invalid(LABEL_FILE, file + " is not a file (choose the .json file itself)");
        }
        return file;
    }
}
