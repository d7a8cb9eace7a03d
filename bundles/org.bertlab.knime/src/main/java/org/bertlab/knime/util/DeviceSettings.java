package org.bertlab.knime.util;

import java.util.ArrayList;
import java.util.List;

import org.bertlab.core.model.BertModel;
import org.bertlab.core.model.LoadOptions;
import org.bertlab.core.runtime.DeviceChoice;
import org.bertlab.core.runtime.DjlRuntime;
import org.bertlab.knime.prefs.BertPreferences;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.defaultnodesettings.DefaultNodeSettingsPane;
import org.knime.core.node.defaultnodesettings.DialogComponentBoolean;
import org.knime.core.node.defaultnodesettings.DialogComponentStringSelection;
import org.knime.core.node.defaultnodesettings.SettingsModelBoolean;
import org.knime.core.node.defaultnodesettings.SettingsModelString;

/**
 * Where a node runs its model: "as the model" (the device its input port says the model runs on, chosen in Load
 * BERT) or a device of its own; and whether a GPU that was asked for and is missing fails the node (a scheduled job
 * must not silently run fifty times slower) or only warns. Normal settings, so a flow variable sets them.
 */
public final class DeviceSettings {

    public static final String KEY_DEVICE = "run_device";
    public static final String LABEL_DEVICE = "Device";

    public static final String KEY_FAIL_IF_GPU_MISSING = "fail_if_gpu_missing";
    public static final String LABEL_FAIL_IF_GPU_MISSING = "Fail if the GPU is missing (otherwise run on the CPU "
        + "with a warning)";

    /** Runs the model where its input port says it runs. */
    public static final String AS_THE_MODEL = "as the model";

    final SettingsModelString m_device;

    final SettingsModelBoolean m_failIfGpuMissing;

    DeviceSettings() {
        m_device = new SettingsModelString(KEY_DEVICE, AS_THE_MODEL);
        m_failIfGpuMissing = new SettingsModelBoolean(KEY_FAIL_IF_GPU_MISSING, false);
    }

    public SettingsModelString device() {
        return m_device;
    }

    public SettingsModelBoolean failIfGpuMissing() {
        return m_failIfGpuMissing;
    }

    void check() throws InvalidSettingsException {
        final String device = m_device.getStringValue();
        if (device == null || !device.equals(AS_THE_MODEL)) {
            try {
                DeviceChoice.parse(device);
            } catch (IllegalArgumentException e) {
                throw new InvalidSettingsException("\"" + LABEL_DEVICE + "\": " + e.getMessage()
                    + " (or \"" + AS_THE_MODEL + "\")");
            }
        }
    }

    /** The options to open the port's model with: the port's own, on this node's device if it has one. */
    public LoadOptions applyTo(final LoadOptions portOptions) {
        final String device = m_device.getStringValue();
        return device.equals(AS_THE_MODEL) ? portOptions : portOptions.withDevice(DeviceChoice.parse(device));
    }

    /**
     * Checks where the model really runs against what was asked: a missing GPU is an error when the user asked for
     * that, otherwise the returned warning (null when the model runs where it was asked to).
     */
    public String checkRunsWhereAsked(final BertModel model, final LoadOptions asked)
        throws InvalidSettingsException {
        return checkRunsWhereAsked(model, asked, m_failIfGpuMissing.getBooleanValue());
    }

    /** {@link #checkRunsWhereAsked(BertModel, LoadOptions)} for a node whose device setting is its own (Load BERT). */
    public static String checkRunsWhereAsked(final BertModel model, final LoadOptions asked, final boolean fail)
        throws InvalidSettingsException {
        if (asked.device().gpuIndex() < 0 || model.device().isGpu()) {
            return null;
        }
        final String why = model.deviceNote().isEmpty()
            ? "GPU " + asked.device().gpuIndex() + " was asked for but the model runs on the CPU" : model.deviceNote();
        if (fail) {
            throw new InvalidSettingsException(why + " (\"" + LABEL_FAIL_IF_GPU_MISSING + "\" is ticked)");
        }
        return why;
    }

    /** The device drop-down (what the PyTorch engine sees here, editable for other machines) and the check box. */
    public void addTo(final DefaultNodeSettingsPane pane) {
        pane.addDialogComponent(deviceDropDown(m_device, AS_THE_MODEL));
        pane.addDialogComponent(new DialogComponentBoolean(m_failIfGpuMissing, LABEL_FAIL_IF_GPU_MISSING));
    }

    /**
     * A device drop-down: the first choice, "cpu" and each GPU the PyTorch engine sees here; editable, so a device
     * of another machine (a server's GPU) can be typed.
     */
    public static DialogComponentStringSelection deviceDropDown(final SettingsModelString model, final String first) {
        final List<String> choices = new ArrayList<>(List.of(first, "cpu"));
        for (int i = 0; i < visibleGpus(); i++) {
            choices.add("gpu:" + i);
        }
        return new DialogComponentStringSelection(model, LABEL_DEVICE, choices, true);
    }

    private static int visibleGpus() {
        try {
            // the engine starts here if no node has run yet: with the preferences (threads, CUDA libtorch folder)
            // a node would start it with, never with defaults that would then stay for the session
            BertPreferences.applyToEngine();
            return DjlRuntime.engine().getGpuCount();
        } catch (RuntimeException | LinkageError e) {
            // a dialog must open even where the natives cannot load; executing will say why
            return 0;
        }
    }
}
