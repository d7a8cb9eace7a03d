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
                return new PortObjectSpec[]{ModelSpecs.of(EmbeddedModel.config(), EmbeddedModel.SOURCE)};
            } catch (ModelLoadException e) {
                throw new InvalidSettingsException("\"" + LoadBertSettings.LABEL_USE_DEFAULT + "\": " + e.getMessage(),
                    e);
            }
        }
        final Path path = Paths.resolve(m_settings.m_folder.getStringValue(), LoadBertSettings.LABEL_FOLDER);
        try {
            final ModelLoader.Inspection found = ModelLoader.inspect(path);
            return new PortObjectSpec[]{ModelSpecs.of(found.config(), path.toString())};
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
        final BertModel model;
        if (m_settings.m_useDefault.getBooleanValue()) {
            model = EmbeddedModel.load(options());
        } else {
            model = ModelLoader.load(Paths.resolve(m_settings.m_folder.getStringValue(),
                LoadBertSettings.LABEL_FOLDER), options());
        }
        if (!model.deviceNote().isEmpty()) {
            setWarningMessage(model.deviceNote());
        }
        final BertModelPortObjectSpec spec = ModelSpecs.of(model);
        return new PortObject[]{new BertModelPortObject(spec, model)};
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
