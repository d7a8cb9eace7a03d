package org.bertlab.knime.prefs.ui;

import java.nio.file.Path;

import org.bertlab.core.runtime.CudaLibtorch;
import org.bertlab.knime.prefs.BertPreferences;
import org.eclipse.jface.preference.BooleanFieldEditor;
import org.eclipse.jface.preference.DirectoryFieldEditor;
import org.eclipse.jface.preference.FieldEditorPreferencePage;
import org.eclipse.jface.preference.IntegerFieldEditor;
import org.eclipse.jface.preference.StringFieldEditor;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.IWorkbenchPreferencePage;
import org.eclipse.ui.preferences.ScopedPreferenceStore;
import org.eclipse.core.runtime.preferences.InstanceScope;

/**
 * KNIME &gt; BERT Transfer Lab preference page. The only class that touches SWT/JFace; node models read the same
 * keys through {@link BertPreferences}.
 */
public final class BertPreferencePage extends FieldEditorPreferencePage implements IWorkbenchPreferencePage {

    public BertPreferencePage() {
        super(GRID);
        setDescription("Deep Java Library settings of the BERT Transfer Lab nodes. Cache folder, threads and offline "
            + "mode take effect after restarting KNIME (the native libraries load once per session).");
    }

    @Override
    public void init(final IWorkbench workbench) {
        setPreferenceStore(new ScopedPreferenceStore(InstanceScope.INSTANCE, BertPreferences.NODE));
    }

    @Override
    protected void createFieldEditors() {
        addField(new DirectoryFieldEditor(BertPreferences.KEY_CACHE_DIR, "DJL cache folder:", getFieldEditorParent()));
        addField(new StringFieldEditor(BertPreferences.KEY_DEVICE, "Default device (cpu, gpu0, gpu1, ...):",
            getFieldEditorParent()));
        final IntegerFieldEditor threads =
            new IntegerFieldEditor(BertPreferences.KEY_THREADS, "CPU threads (0 = all cores):", getFieldEditorParent());
        threads.setValidRange(0, 1024);
        addField(threads);
        addField(new BooleanFieldEditor(BertPreferences.KEY_OFFLINE, "Offline (never download)",
            getFieldEditorParent()));
        addField(new CudaLibtorchFieldEditor());
    }

    /** The CUDA libtorch folder, checked as the engine checks it, so a wrong folder is refused here with why. */
    private final class CudaLibtorchFieldEditor extends DirectoryFieldEditor {
        CudaLibtorchFieldEditor() {
            super(BertPreferences.KEY_LIBTORCH, "CUDA libtorch " + CudaLibtorch.VERSION + "+" + CudaLibtorch.FLAVOUR
                + " folder (empty = CPU natives):", getFieldEditorParent());
            setEmptyStringAllowed(true);
        }

        @Override
        protected boolean doCheckState() {
            final String value = getStringValue().trim();
            if (value.isEmpty()) {
                return true;
            }
            try {
                CudaLibtorch.check(Path.of(value), System.getProperty("os.name"), System.getProperty("os.arch"));
                return true;
            } catch (IllegalArgumentException e) { // also an unreadable path (InvalidPathException)
                setErrorMessage(e.getMessage());
                return false;
            }
        }
    }
}
