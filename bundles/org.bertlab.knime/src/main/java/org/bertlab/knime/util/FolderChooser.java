package org.bertlab.knime.util;

import javax.swing.JFileChooser;

import org.knime.core.node.defaultnodesettings.DialogComponentFileChooser;
import org.knime.core.node.defaultnodesettings.SettingsModelString;

/** KNIME's file chooser for a model folder: browse button, history, and knime:// URLs checked as typed. */
public final class FolderChooser {

    private static final String HISTORY = "bertlab-model-folder";

    private FolderChooser() {
    }

    /** A folder to read a model from. */
    public static DialogComponentFileChooser toRead(final SettingsModelString model, final String label) {
        return titled(new DialogComponentFileChooser(model, HISTORY, JFileChooser.OPEN_DIALOG, true), label);
    }

    /** A folder to write a model to. */
    public static DialogComponentFileChooser toWrite(final SettingsModelString model, final String label) {
        return titled(new DialogComponentFileChooser(model, HISTORY, JFileChooser.SAVE_DIALOG, true), label);
    }

    private static DialogComponentFileChooser titled(final DialogComponentFileChooser chooser, final String label) {
        chooser.setBorderTitle(label);
        return chooser;
    }
}
