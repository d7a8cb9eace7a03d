package org.bertlab.knime.port;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;

import javax.swing.JComponent;

import org.bertlab.core.model.BertModel;
import org.bertlab.core.model.EmbeddedModel;
import org.bertlab.core.model.LoadOptions;
import org.bertlab.core.model.ModelLoadException;
import org.bertlab.core.model.ModelLoader;
import org.bertlab.core.model.SaveOptions;
import org.bertlab.core.runtime.DeviceChoice;
import org.knime.core.data.filestore.FileStore;
import org.knime.core.data.filestore.FileStorePortObject;
import org.knime.core.data.util.NonClosableInputStream;
import org.knime.core.data.util.NonClosableOutputStream;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.ExecutionMonitor;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.ModelContent;
import org.knime.core.node.ModelContentRO;
import org.knime.core.node.ModelContentWO;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.PortObjectZipInputStream;
import org.knime.core.node.port.PortObjectZipOutputStream;
import org.knime.core.node.port.PortType;
import org.knime.core.node.port.PortTypeRegistry;

/**
 * A BERT travelling between nodes, as a place and a way to load it rather than as weights in memory (as
 * knime-deeplearning's network ports do).
 * <ul>
 * <li><b>Stored</b> (the default): the producing node writes the model folder (config.json, tokenizer,
 * model.safetensors, token mapping) once into a KNIME file store, which KNIME saves with the workflow: a workflow
 * shared as a file or run on a server needs no access to the original folder.</li>
 * <li><b>Referenced</b>: only the folder's path (or the built-in model's name) travels, for large models on shared
 * storage; the folder must be there wherever the workflow runs.</li>
 * </ul>
 * Nodes open the model through {@link ModelCache}: loaded on first use, shared read-only, closed when the last node
 * holding it is reset.
 */
public final class BertModelPortObject extends FileStorePortObject {

    /** Registered at {@code org.knime.core.PortType} in plugin.xml. */
    public static final class Serializer extends PortObjectSerializer<BertModelPortObject> {

        @Override
        public void savePortObject(final BertModelPortObject object, final PortObjectZipOutputStream out,
            final ExecutionMonitor exec) throws IOException {
            final ModelContent content = new ModelContent(ENTRY);
            object.save(content);
            out.putNextEntry(new ZipEntry(ENTRY));
            content.saveToXML(new NonClosableOutputStream.Zip(out));
            out.closeEntry();
        }

        @Override
        public BertModelPortObject loadPortObject(final PortObjectZipInputStream in, final PortObjectSpec spec,
            final ExecutionMonitor exec) throws IOException, CanceledExecutionException {
            final ZipEntry entry = in.getNextEntry();
            if (entry == null || !entry.getName().equals(ENTRY)) {
                throw new IOException("This BERT model port was saved in an older format; execute the node that "
                    + "produced it again.");
            }
            final ModelContentRO content = ModelContent.loadFromXML(new NonClosableInputStream.Zip(in));
            try {
                return new BertModelPortObject((BertModelPortObjectSpec)spec, content);
            } catch (InvalidSettingsException e) {
                throw new IOException("The saved BERT model port cannot be read: " + e.getMessage(), e);
            }
        }
    }

    public static final PortType TYPE = PortTypeRegistry.getInstance().getPortType(BertModelPortObject.class);

    public static final PortType TYPE_OPTIONAL =
        PortTypeRegistry.getInstance().getPortType(BertModelPortObject.class, true);

    /** The location of the built-in model when it is referenced rather than stored. */
    public static final String EMBEDDED = "built-in:" + EmbeddedModel.NAME;

    private static final String ENTRY = "bert-model.xml";

    private static final String FILE_STORE_NAME = "bert-model";

    private final BertModelPortObjectSpec m_spec;

    /** A folder or {@link #EMBEDDED} when referenced; null when the model is in the file store. */
    private final String m_reference;

    private final LoadOptions m_options;

    private BertModelPortObject(final BertModelPortObjectSpec spec, final List<FileStore> stores,
        final String reference, final LoadOptions options) {
        super(stores);
        m_spec = spec;
        m_reference = reference;
        m_options = options;
    }

    /** Read back from a saved workflow or a port object stream; the file store comes through KNIME afterwards. */
    private BertModelPortObject(final BertModelPortObjectSpec spec, final ModelContentRO content)
        throws InvalidSettingsException {
        m_spec = spec;
        m_reference = content.getString("reference", null);
        final String lowercase = content.getString("lowercase", null);
        m_options = new LoadOptions(lowercase == null ? null : Boolean.valueOf(lowercase),
            content.getInt("max_length"), DeviceChoice.parse(content.getString("device")),
            content.getString("precision"));
    }

    /**
     * Writes a model its node has just built into a new file store of that node, and gives the node its hold on the
     * model, so that consumers in this session share it without reading it back.
     *
     * @param options how to load it again (device and precision; the rest is in the saved files)
     * @param holder takes the producer's hold; the node lets go when it is reset
     */
    public static BertModelPortObject store(final ExecutionContext exec, final BertModelPortObjectSpec spec,
        final BertModel model, final LoadOptions options, final Consumer<ModelCache.Lease> holder)
        throws IOException {
        final FileStore store = exec.createFileStore(FILE_STORE_NAME);
        model.save(store.getFile().toPath(), SaveOptions.DEFAULT, () -> checkCanceled(exec));
        final LoadOptions saved = new LoadOptions(null, options.maxLength(), options.device(), options.precision());
        final BertModelPortObject port = new BertModelPortObject(withRuntime(spec, saved), List.of(store), null, saved);
        holder.accept(ModelCache.hold(port.key(saved), model));
        return port;
    }

    /**
     * A port that names the folder (or {@link #EMBEDDED}) the model was loaded from, with the options it was loaded
     * with, and gives the node its hold on the loaded model.
     */
    public static BertModelPortObject reference(final String location, final BertModelPortObjectSpec spec,
        final BertModel model, final LoadOptions options, final Consumer<ModelCache.Lease> holder) {
        final BertModelPortObject port =
            new BertModelPortObject(withRuntime(spec, options), List.of(), location, options);
        holder.accept(ModelCache.hold(port.key(options), model));
        return port;
    }

    private static BertModelPortObjectSpec withRuntime(final BertModelPortObjectSpec spec, final LoadOptions options) {
        return spec.withRuntime(options.device().toString(), options.precision());
    }

    /** A hold on the model, loading it if no node holds it yet; the caller closes it when done. */
    public ModelCache.Lease open() throws ModelLoadException {
        return open(m_options);
    }

    /**
     * A hold on the model loaded with other options (a node running it on its own device); a model open with the
     * same options is shared.
     */
    public ModelCache.Lease open(final LoadOptions options) throws ModelLoadException {
        final ModelCache.Key key = key(options);
        return ModelCache.open(key, () -> {
            if (EMBEDDED.equals(key.location())) {
                return EmbeddedModel.load(options);
            }
            return ModelLoader.load(Path.of(key.location()), options);
        });
    }

    /** Where the model is and how it loads: the cache key. */
    private ModelCache.Key key(final LoadOptions options) {
        final String location = m_reference != null ? m_reference
            : getFileStore(0).getFile().getAbsolutePath();
        return new ModelCache.Key(location, options);
    }

    /** Whether the weights travel in the workflow (file store) rather than as a reference to a folder. */
    public boolean isStored() {
        return m_reference == null;
    }

    /** How the model is loaded again: device, precision, and for references lower-casing and length. */
    public LoadOptions loadOptions() {
        return m_options;
    }

    /** The engine's cancel check: a cancelled save stops with its temporaries removed. */
    private static void checkCanceled(final ExecutionContext exec) {
        try {
            exec.checkCanceled();
        } catch (CanceledExecutionException e) {
            final CancellationException c = new CancellationException("Execution cancelled");
            c.initCause(e);
            throw c;
        }
    }

    @Override
    public String getSummary() {
        return m_spec.getArchitecture() + ", " + m_spec.getLayers() + " layers, hidden " + m_spec.getHiddenSize()
            + ", " + m_spec.getDevice() + (isStored() ? "" : ", referenced: " + m_reference);
    }

    @Override
    public BertModelPortObjectSpec getSpec() {
        return m_spec;
    }

    @Override
    public JComponent[] getViews() {
        return m_spec.getViews();
    }

    private void save(final ModelContentWO content) {
        content.addString("reference", m_reference);
        content.addString("lowercase", m_options.lowercase() == null ? null : m_options.lowercase().toString());
        content.addInt("max_length", m_options.maxLength());
        content.addString("device", m_options.device().toString());
        content.addString("precision", m_options.precision());
    }
}
