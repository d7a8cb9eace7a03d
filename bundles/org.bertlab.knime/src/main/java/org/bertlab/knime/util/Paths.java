package org.bertlab.knime.util;

import java.nio.file.Path;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.util.FileUtil;

/** Local paths from what users type: a plain path or a KNIME URL such as knime://knime.workflow/../models/x. */
public final class Paths {

    private Paths() {
    }

    public static Path resolve(final String text, final String label) throws InvalidSettingsException {
        try {
            if (text.contains("://") || text.startsWith("file:")) {
                final Path path = FileUtil.resolveToPath(FileUtil.toURL(text));
                if (path == null) {
                    throw new InvalidSettingsException("\"" + label + "\": " + text + " is not a local folder");
                }
                return path;
            }
            return Path.of(text);
        } catch (InvalidSettingsException e) {
            throw e;
        } catch (Exception e) {
            throw new InvalidSettingsException("\"" + label + "\": cannot resolve " + text + ": " + e.getMessage(), e);
        }
    }
}
