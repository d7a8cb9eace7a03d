package org.bertlab.knime.port;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;

import javax.swing.JComponent;

import org.bertlab.core.model.BertModel;
import org.bertlab.core.model.LoadOptions;
import org.bertlab.core.model.ModelLoadException;
import org.bertlab.core.model.ModelLoader;
import org.bertlab.knime.prefs.BertPreferences;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionMonitor;
import org.knime.core.node.port.AbstractPortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.PortObjectZipInputStream;
import org.knime.core.node.port.PortObjectZipOutputStream;
import org.knime.core.node.port.PortType;
import org.knime.core.node.port.PortTypeRegistry;
import org.knime.core.util.FileUtil;

/**
 * A BERT travelling between nodes. It holds the engine's model; saving a workflow writes the model in the engine's
 * Hugging Face format (config.json, tokenizer, model.safetensors, token mapping) into the port's stream, so a
 * workflow shared as a file or run on a server needs no access to the original model folder.
 */
public final class BertModelPortObject extends AbstractPortObject {

    /** Registered at {@code org.knime.core.PortType} in plugin.xml. */
    public static final class Serializer extends AbstractPortObjectSerializer<BertModelPortObject> {
    }

    public static final PortType TYPE = PortTypeRegistry.getInstance().getPortType(BertModelPortObject.class);

    public static final PortType TYPE_OPTIONAL =
        PortTypeRegistry.getInstance().getPortType(BertModelPortObject.class, true);

    /** Prefix of the zip entries holding the model folder's files. */
    private static final String ENTRY_PREFIX = "model/";

    private BertModelPortObjectSpec m_spec;

    private BertModel m_model;

    /** For the serializer. */
    public BertModelPortObject() {
    }

    public BertModelPortObject(final BertModelPortObjectSpec spec, final BertModel model) {
        m_spec = spec;
        m_model = model;
    }

    /** The engine's model; nodes use it read-only or copy it (the port object may feed several nodes). */
    public BertModel getModel() {
        return m_model;
    }

    @Override
    public String getSummary() {
        return m_spec.getArchitecture() + ", " + m_spec.getLayers() + " layers, hidden " + m_spec.getHiddenSize();
    }

    @Override
    public BertModelPortObjectSpec getSpec() {
        return m_spec;
    }

    @Override
    public JComponent[] getViews() {
        return m_spec.getViews();
    }

    @Override
    protected void save(final PortObjectZipOutputStream out, final ExecutionMonitor exec)
        throws IOException, CanceledExecutionException {
        final Path folder = FileUtil.createTempDir("bertlab-port").toPath();
        try {
            m_model.save(folder);
            final List<Path> files;
            try (Stream<Path> walk = Files.walk(folder)) {
                files = walk.filter(Files::isRegularFile).sorted().toList();
            }
            for (final Path file : files) {
                exec.checkCanceled();
                out.putNextEntry(new ZipEntry(ENTRY_PREFIX + folder.relativize(file).toString().replace('\\', '/')));
                Files.copy(file, out);
                out.closeEntry();
            }
        } finally {
            deleteRecursively(folder);
        }
    }

    @Override
    protected void load(final PortObjectZipInputStream in, final PortObjectSpec spec, final ExecutionMonitor exec)
        throws IOException, CanceledExecutionException {
        m_spec = (BertModelPortObjectSpec)spec;
        final Path folder = FileUtil.createTempDir("bertlab-port").toPath();
        try {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                exec.checkCanceled();
                if (!entry.getName().startsWith(ENTRY_PREFIX) || entry.isDirectory()) {
                    continue;
                }
                final Path target = folder.resolve(entry.getName().substring(ENTRY_PREFIX.length())).normalize();
                if (!target.startsWith(folder)) {
                    throw new IOException("Model entry outside its folder: " + entry.getName());
                }
                Files.createDirectories(target.getParent());
                copy(in, target);
            }
            final LoadOptions options = LoadOptions.DEFAULT.withDevice(BertPreferences.defaultDevice());
            m_model = ModelLoader.load(folder, options);
        } catch (ModelLoadException e) {
            throw new IOException("The saved BERT model could not be read: " + e.getMessage(), e);
        } finally {
            deleteRecursively(folder);
        }
    }

    private static void copy(final InputStream in, final Path target) throws IOException {
        try (OutputStream out = Files.newOutputStream(target)) {
            in.transferTo(out);
        }
    }

    private static void deleteRecursively(final Path folder) throws IOException {
        try (Stream<Path> walk = Files.walk(folder)) {
            for (final Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
