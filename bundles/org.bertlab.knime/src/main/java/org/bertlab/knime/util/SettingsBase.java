package org.bertlab.knime.util;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.IdentityHashMap;
import java.util.function.Supplier;

import org.bertlab.core.options.OptionMessage;
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

    /** Settings added after workflows were saved with this node, by their key: such a workflow keeps the default. */
    private final Map<SettingsModel, String> m_addedLater = new IdentityHashMap<>();

    /** Dialog label of each engine option this node sets, by the engine's option id. */
    private final Map<String, String> m_optionLabels = new HashMap<>();

    protected final <T extends SettingsModel> T register(final T model) {
        m_models.add(model);
        return model;
    }

    /**
     * Marks a setting added after workflows were saved with this node: loading such a workflow (which lacks the key)
     * keeps the default instead of failing.
     *
     * @param key the setting's key
     */
    protected final <T extends SettingsModel> T addedLater(final String key, final T model) {
        m_addedLater.put(model, key);
        return model;
    }

    /**
     * Registers a setting that is an engine option, so engine errors about that option name its dialog label.
     *
     * @param option the engine's option id (see {@link OptionMessage})
     * @param label the dialog label
     */
    protected final <T extends SettingsModel> T register(final T model, final String option, final String label) {
        m_optionLabels.put(option, label);
        return register(model);
    }

    /**
     * An engine message in this node's words: options the node has are named by their dialog label in quotes,
     * options it does not have in plain words, never as a command-line flag.
     */
    public final String render(final OptionMessage message) {
        return message.render(
            id -> m_optionLabels.containsKey(id) ? "\"" + m_optionLabels.get(id) + "\"" : OptionMessage.plainName(id));
    }

    /**
     * The error a node reports for an engine failure: one that names options becomes an
     * {@link InvalidSettingsException} in the dialog's words; any other is returned as it is.
     */
    public final Exception inDialogTerms(final Exception error) {
        final OptionMessage message = OptionMessage.find(error);
        return message == null ? error : new InvalidSettingsException(render(message), error);
    }

    private final List<DeviceSettings> m_devices = new ArrayList<>();

    /** The device settings of a node that runs the model of its input port ("as the model" by default). */
    protected final DeviceSettings registerDevice() {
        final DeviceSettings device = new DeviceSettings();
        register(addedLater(DeviceSettings.KEY_DEVICE, device.m_device));
        register(addedLater(DeviceSettings.KEY_FAIL_IF_GPU_MISSING, device.m_failIfGpuMissing));
        m_devices.add(device);
        return device;
    }

    public final void saveTo(final NodeSettingsWO settings) {
        for (final SettingsModel m : m_models) {
            m.saveSettingsTo(settings);
        }
    }

    public final void loadValidated(final NodeSettingsRO settings) throws InvalidSettingsException {
        for (final SettingsModel m : m_models) {
            if (isPresent(m, settings)) {
                m.loadSettingsFrom(settings);
            }
        }
    }

    private boolean isPresent(final SettingsModel model, final NodeSettingsRO settings) {
        return !m_addedLater.containsKey(model) || settings.containsKey(m_addedLater.get(model));
    }

    /** Checks {@code settings} on a fresh copy, leaving this one as it is. */
    public final void validate(final NodeSettingsRO settings) throws InvalidSettingsException {
        for (final SettingsModel m : m_models) {
            if (isPresent(m, settings)) {
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
    protected final void requireParsable(final String label, final Runnable parse) throws InvalidSettingsException {
        parsed(label, () -> {
            parse.run();
            return null;
        });
    }

    /**
     * The value of an engine parser or check; its complaint becomes an error in the dialog's words (the label of the
     * option it names, or else {@code label}).
     */
    public final <T> T parsed(final String label, final Supplier<T> parse) throws InvalidSettingsException {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            final OptionMessage message = OptionMessage.find(e);
            throw message == null ? invalid(label, e.getMessage()) : new InvalidSettingsException(render(message), e);
        }
    }
}
