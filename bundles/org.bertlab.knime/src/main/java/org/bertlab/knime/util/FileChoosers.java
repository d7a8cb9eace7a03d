package org.bertlab.knime.util;

import javax.swing.JFileChooser;

import org.knime.core.node.defaultnodesettings.DialogComponentFileChooser;
import org.knime.core.node.defaultnodesettings.SettingsModelString;

/**
 * KNIME's file chooser (browse button, history, and knime:// URLs checked as typed), titled with the setting's dialog
 * label.
 */
public final class FileChoosers {

    private static final String MODEL_HISTORY = "bertlab-model-folder";

    private FileChoosers() {
    }

    /** A folder to read a model from. */
    public static DialogComponentFileChooser modelToRead(final SettingsModelString model, final String label) {
        return titled(new DialogComponentFileChooser(model, MODEL_HISTORY, JFileChooser.OPEN_DIALOG, true), label);
    }

    /** A folder to write a model to. */
    public static DialogComponentFileChooser modelToWrite(final SettingsModelString model, final String label) {
        return titled(new DialogComponentFileChooser(model, MODEL_HISTORY, JFileChooser.SAVE_DIALOG, true), label);
    }

    /** A file to read, with the history and extensions given. */
    public static DialogComponentFileChooser fileToRead(final SettingsModelString model, final String label,
        final String history, final String... extensions) {
        return titled(new DialogComponentFileChooser(model, history, extensions), label);
    }

    private static DialogComponentFileChooser titled(final DialogComponentFileChooser chooser, final String label) {
        chooser.setBorderTitle(label);
        return chooser;
    }
}
