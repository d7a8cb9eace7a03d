package org.bertlab.knime.nodes.load;

import java.nio.file.Path;

import org.bertlab.core.model.BertModel;
import org.bertlab.core.model.EmbeddedModel;
import org.bertlab.core.model.LoadOptions;
import org.bertlab.core.model.ModelLoadException;
import org.bertlab.core.model.ModelLoader;
import org.bertlab.core.runtime.DeviceChoice;
import org.bertlab.knime.port.BertModelPortObject;
import org.bertlab.knime.port.BertModelPortObjectSpec;
import org.bertlab.knime.prefs.BertPreferences;
import org.bertlab.knime.util.BertNodeModel;
import org.bertlab.knime.util.DeviceSettings;
import org.bertlab.knime.util.OutOfMemory;
import org.bertlab.knime.util.ModelSpecs;
import org.bertlab.knime.util.Paths;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.PortType;

/** Loads a BERT with {@link ModelLoader} (or {@link EmbeddedModel}); configure reads config.json only. */
final class LoadBertNodeModel extends BertNodeModel<LoadBertSettings> {

    LoadBertNodeModel() {
        super(new PortType[0], new PortType[]{BertModelPortObject.TYPE}, new LoadBertSettings());
    }

    @Override
    protected PortObjectSpec[] configure(final PortObjectSpec[] inSpecs) throws InvalidSettingsException {
        m_settings.check();
        if (m_settings.m_useDefault.getBooleanValue()) {
            // the default's config ships with it: its sizes are known without reading the weights
            try {
                final LoadOptions options = options();
                return new PortObjectSpec[]{ModelSpecs.of(EmbeddedModel.config(), EmbeddedModel.SOURCE)
                    .withRuntime(options.device().toString(), options.precision())};
            } catch (ModelLoadException e) {
                throw new InvalidSettingsException("\"" + LoadBertSettings.LABEL_USE_DEFAULT + "\": " + e.getMessage(),
                    e);
            }
        }
        final Path path = Paths.resolve(m_settings.m_folder.getStringValue(), LoadBertSettings.LABEL_FOLDER);
        try {
            final ModelLoader.Inspection found = ModelLoader.inspect(path);
            final LoadOptions options = options();
            return new PortObjectSpec[]{ModelSpecs.of(found.config(), path.toString())
                .withRuntime(options.device().toString(), options.precision())};
        } catch (ModelLoadException e) {
            throw new InvalidSettingsException("\"" + LoadBertSettings.LABEL_FOLDER + "\": " + e.getMessage(), e);
        }
    }

    @Override
    protected PortObject[] execute(final PortObject[] inObjects, final ExecutionContext exec) throws Exception {
        final String smaller = "a smaller model";
        return run("loading the model", smaller, () -> executeNode(inObjects, exec));
    }

    private PortObject[] executeNode(final PortObject[] inObjects, final ExecutionContext exec) throws Exception {
        BertPreferences.applyToEngine();
        exec.setMessage("Loading BERT");
        final LoadOptions options = options();
        final BertModel model;
        final String location;
        if (m_settings.m_useDefault.getBooleanValue()) {
            model = EmbeddedModel.load(options);
            location = BertModelPortObject.EMBEDDED;
        } else {
            final Path folder = Paths.resolve(m_settings.m_folder.getStringValue(), LoadBertSettings.LABEL_FOLDER);
            model = ModelLoader.load(folder, options);
            location = folder.toAbsolutePath().toString();
        }
        try {
            DeviceSettings.checkRunsWhereAsked(model, options, m_settings.m_failIfGpuMissing.getBooleanValue());
        } catch (InvalidSettingsException e) {
            model.close();
            throw e;
        }
        if (!model.deviceNote().isEmpty()) {
            setWarningMessage(model.deviceNote());
        }
        final BertModelPortObjectSpec spec = ModelSpecs.of(model);
        if (m_settings.m_storeWeights.getBooleanValue()) {
            return new PortObject[]{modelPort(exec, model, options)};
        }
        return new PortObject[]{BertModelPortObject.reference(location, spec, model, options, this::hold)};
    }

    LoadOptions options() {
        final String device = m_settings.m_device.getStringValue();
        final DeviceChoice choice = device.equals(LoadBertSettings.DEVICE_PREFERENCE)
            ? BertPreferences.defaultDevice() : DeviceChoice.parse(device);
        return LoadOptions.DEFAULT.withLowercase(m_settings.lowercase())
            .withMaxLength(m_settings.m_maxLength.getIntValue()).withDevice(choice)
            .withPrecision(m_settings.m_precision.getStringValue());
    }
}
