package org.bertlab.knime.nodes.writer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.bertlab.core.io.OutputRefusedException;
import org.bertlab.core.model.BertModel;
import org.bertlab.core.model.SaveOptions;
import org.bertlab.core.options.OptionMessage;
import org.bertlab.knime.port.BertModelPortObject;
import org.bertlab.knime.port.BertModelPortObjectSpec;
import org.bertlab.knime.util.BertNodeModel;
import org.bertlab.knime.util.EngineProgress;
import org.bertlab.knime.util.ModelSpecs;
import org.bertlab.knime.util.Paths;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.PortType;

/**
 * Writes the model with the engine's Hugging Face writer (config.json, tokenizer, model.safetensors) through its safe
 * output folder: a folder of someone else's files is refused unless "overwrite" is ticked, and even then only the
 * model's own files are replaced; the folder the model was loaded from is never written; a cancel or failure leaves
 * no temporary files and the folder as it was.
 */
final class ModelWriterNodeModel extends BertNodeModel<ModelWriterSettings> {

    ModelWriterNodeModel() {
        super(new PortType[]{BertModelPortObject.TYPE}, new PortType[0], new ModelWriterSettings());
    }

    @Override
    protected PortObjectSpec[] configure(final PortObjectSpec[] inSpecs) throws InvalidSettingsException {
        final BertModelPortObjectSpec spec = inSpecs[0] == null ? null : ModelSpecs.require(inSpecs[0]);
        m_settings.check();
        final Path folder = target();
        try {
            BertModel.checkSaveTarget(folder, options(spec));
        } catch (IOException e) {
            throw refused(e);
        }
        return new PortObjectSpec[0];
    }

    @Override
    protected PortObject[] execute(final PortObject[] in, final ExecutionContext exec) throws Exception {
        return run("writing the model", "a machine with more memory", () -> {
            final BertModelPortObject port = (BertModelPortObject)in[0];
            final Path folder = target();
            exec.setMessage("Writing " + folder);
            final EngineProgress progress = new EngineProgress(exec, 0, "files");
            try {
                EngineProgress.call(exec, () -> {
                    model(port).save(folder, options(port.getSpec()), progress::checkCancelled);
                    return null;
                });
            } catch (OutputRefusedException e) {
                // the folder changed since configure
                throw refused(e);
            }
            return new PortObject[0];
        });
    }

    private Path target() throws InvalidSettingsException {
        return Paths.resolve(m_settings.m_folder.getStringValue(), ModelWriterSettings.LABEL_FOLDER);
    }

    /**
     * The overwrite setting, and the folder the model came from as an input: the engine protects the folder of the
     * model object it saves, but after a workflow is reopened that object was read from the workflow, and only the
     * spec still names the original folder.
     */
    private SaveOptions options(final BertModelPortObjectSpec spec) {
        final List<Path> inputs = new ArrayList<>();
        if (spec != null) {
            sourceFolder(spec.getSource()).ifPresent(inputs::add);
        }
        return SaveOptions.DEFAULT.withOverwrite(m_settings.m_overwrite.getBooleanValue())
            .withInputs(inputs.toArray(Path[]::new));
    }

    private static Optional<Path> sourceFolder(final String source) {
        try {
            final Path path = Path.of(source);
            return path.isAbsolute() && Files.isDirectory(path) ? Optional.of(path)
                : Optional.empty();
        } catch (InvalidPathException e) {
            // a description such as the embedded model's name
            return Optional.empty();
        }
    }

    /** The engine's reason, naming the options it mentions by their dialog labels. */
    private InvalidSettingsException refused(final IOException e) {
        final OptionMessage options = OptionMessage.find(e);
        final String reason = options == null ? e.getMessage() : m_settings.render(options);
        return new InvalidSettingsException("\"" + ModelWriterSettings.LABEL_FOLDER + "\": " + reason, e);
    }
}
