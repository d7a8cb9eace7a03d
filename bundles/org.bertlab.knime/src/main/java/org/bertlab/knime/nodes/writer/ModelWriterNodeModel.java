package org.bertlab.knime.nodes.writer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.bertlab.knime.port.BertModelPortObject;
import org.bertlab.knime.util.BertNodeModel;
import org.bertlab.knime.util.ModelSpecs;
import org.bertlab.knime.util.Paths;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.PortType;

/** Writes the model with the engine's Hugging Face writer (config.json, tokenizer, model.safetensors). */
final class ModelWriterNodeModel extends BertNodeModel<ModelWriterSettings> {

    ModelWriterNodeModel() {
        super(new PortType[]{BertModelPortObject.TYPE}, new PortType[0], new ModelWriterSettings());
    }

    @Override
    protected PortObjectSpec[] configure(final PortObjectSpec[] inSpecs) throws InvalidSettingsException {
        if (inSpecs[0] != null) {
            ModelSpecs.require(inSpecs[0]);
        }
        m_settings.check();
        checkTarget(target());
        return new PortObjectSpec[0];
    }

    @Override
    protected PortObject[] execute(final PortObject[] in, final ExecutionContext exec) throws Exception {
        final Path folder = target();
        checkTarget(folder);
        exec.setMessage("Writing " + folder);
        ((BertModelPortObject)in[0]).getModel().save(folder);
        return new PortObject[0];
    }

    private Path target() throws InvalidSettingsException {
        return Paths.resolve(m_settings.m_folder.getStringValue(), ModelWriterSettings.LABEL_FOLDER);
    }

    private void checkTarget(final Path folder) throws InvalidSettingsException {
        if (m_settings.m_overwrite.getBooleanValue() || !Files.isDirectory(folder)) {
            return;
        }
        try (Stream<Path> list = Files.list(folder)) {
            if (list.findAny().isPresent()) {
                throw new InvalidSettingsException("\"" + ModelWriterSettings.LABEL_FOLDER + "\": " + folder
                    + " exists and is not empty; tick \"" + ModelWriterSettings.LABEL_OVERWRITE + "\"");
            }
        } catch (java.io.IOException e) {
            throw new InvalidSettingsException("\"" + ModelWriterSettings.LABEL_FOLDER + "\": " + e.getMessage(), e);
        }
    }
}
