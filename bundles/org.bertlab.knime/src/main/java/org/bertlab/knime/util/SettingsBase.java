package org.bertlab.knime.util;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.NodeSettingsWO;
import org.knime.core.node.defaultnodesettings.SettingsModel;

/**
 * Base of every node's settings class: the models registered here are saved, loaded and validated together, so a
 * node's settings class is the one place of its keys (KEY_*), dialog labels (LABEL_*), defaults and checks.
 */
public abstract class SettingsBase {

    private final List<SettingsModel> m_models = new ArrayList<>();

    /** Settings added after workflows were saved with this node, by key: where absent, they keep their default. */
    private final Map<SettingsModel, String> m_addedLater = new HashMap<>();

    protected final <T extends SettingsModel> T register(final T model) {
        m_models.add(model);
        return model;
    }

    /**
     * Registers a setting that workflows saved before it existed do not hold; loading such a workflow keeps the
     * setting's default instead of failing on the missing key.
     */
    protected final <T extends SettingsModel> T registerAddedLater(final String key, final T model) {
        m_addedLater.put(model, key);
        return register(model);
    }

    private final List<DeviceSettings> m_devices = new ArrayList<>();

    /** The device settings of a node that runs the model of its input port ("as the model" by default). */
    protected final DeviceSettings registerDevice() {
        final DeviceSettings device = new DeviceSettings();
        registerAddedLater(DeviceSettings.KEY_DEVICE, device.m_device);
        registerAddedLater(DeviceSettings.KEY_FAIL_IF_GPU_MISSING, device.m_failIfGpuMissing);
        m_devices.add(device);
        return device;
    }

    private boolean absent(final SettingsModel model, final NodeSettingsRO settings) {
        final String key = m_addedLater.get(model);
        return key != null && !settings.containsKey(key);
    }

    public final void saveTo(final NodeSettingsWO settings) {
        for (final SettingsModel m : m_models) {
            m.saveSettingsTo(settings);
        }
    }

    public final void loadValidated(final NodeSettingsRO settings) throws InvalidSettingsException {
        for (final SettingsModel m : m_models) {
            if (!absent(m, settings)) {
                m.loadSettingsFrom(settings);
            }
        }
    }

    /** Checks {@code settings} on a fresh copy, leaving this one as it is. */
    public final void validate(final NodeSettingsRO settings) throws InvalidSettingsException {
        for (final SettingsModel m : m_models) {
            if (!absent(m, settings)) {
                m.validateSettings(settings);
            }
        }
        final SettingsBase copy = fresh();
        copy.loadValidated(settings);
        copy.check();
        for (final DeviceSettings device : copy.m_devices) {
            device.check();
        }
    }

    /** A new instance with defaults. */
    protected abstract SettingsBase fresh();

    /** Cross-field checks; throw {@link InvalidSettingsException} naming the dialog field. */
    public abstract void check() throws InvalidSettingsException;

    protected static InvalidSettingsException invalid(final String label, final String problem) {
        return new InvalidSettingsException("\"" + label + "\": " + problem);
    }

    /** Runs an engine parser on a setting's value; its complaint becomes an error naming the dialog field. */
    protected static void requireParsable(final String label, final Runnable parse) throws InvalidSettingsException {
        try {
            parse.run();
        } catch (IllegalArgumentException e) {
            throw invalid(label, e.getMessage());
        }
    }
}
