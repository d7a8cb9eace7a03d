package org.bertlab.knime.nodes.load;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.bertlab.knime.port.BertModelPortObject;
import org.bertlab.knime.testing.NodeTesting;
import org.knime.core.data.filestore.internal.IWriteFileStoreHandler;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.Node;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;

/** Runs the Load BERT node on the built-in default model or a folder, for other nodes' tests. */
public final class LoadBertTesting {

    /** The node that produced a port (it holds the port's model until it is reset) and its execution. */
    private record Producer(LoadBertNodeModel node, ExecutionContext exec) {
    }

    private static final Map<BertModelPortObject, Producer> PRODUCERS = new ConcurrentHashMap<>();

    private LoadBertTesting() {
    }

    /**
     * Resets the Load BERT node that produced the port, as KNIME does: it lets go of the model, and the file store
     * holding the port's weights is removed.
     */
    public static void release(final BertModelPortObject port) throws Exception {
        final Producer producer = PRODUCERS.remove(port);
        if (producer != null) {
            NodeTesting.reset(producer.node());
            ((IWriteFileStoreHandler)Node.invokeGetFileStoreHandler(producer.exec())).clearAndDispose();
        }
    }

    /** Runs Load BERT on a model folder, set as the dialog sets it (default model off, the folder's path). */
    public static BertModelPortObject loadFolder(final java.nio.file.Path folder) throws Exception {
        final LoadBertNodeFactory factory = new LoadBertNodeFactory();
        final LoadBertNodeModel model = factory.createNodeModel();
        model.settings().m_useDefault.setBooleanValue(false);
        model.settings().m_folder.setStringValue(folder.toString());
        return run(factory, model);
    }

    public static BertModelPortObject loadDefault() throws Exception {
        final LoadBertNodeFactory factory = new LoadBertNodeFactory();
        final LoadBertNodeModel model = factory.createNodeModel();
        return run(factory, model);
    }

    private static BertModelPortObject run(final LoadBertNodeFactory factory, final LoadBertNodeModel model)
        throws Exception {
        NodeTesting.throughDialog(model, new LoadBertNodeDialog());
        model.configure(new PortObjectSpec[0]);
        final ExecutionContext exec = NodeTesting.exec(factory);
        final BertModelPortObject port = (BertModelPortObject)model.execute(new PortObject[0], exec)[0];
        PRODUCERS.put(port, new Producer(model, exec));
        return port;
    }
}
