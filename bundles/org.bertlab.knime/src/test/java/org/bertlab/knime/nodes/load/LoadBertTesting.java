package org.bertlab.knime.nodes.load;

import org.bertlab.knime.port.BertModelPortObject;
import org.bertlab.knime.testing.NodeTesting;
import org.knime.core.node.port.PortObject;

/** Runs the Load BERT node on the built-in default model, for other nodes' tests. */
public final class LoadBertTesting {

    private LoadBertTesting() {
    }

    /** Runs Load BERT on a model folder, set as the dialog sets it (default model off, the folder's path). */
    public static BertModelPortObject loadFolder(final java.nio.file.Path folder) throws Exception {
        final LoadBertNodeFactory factory = new LoadBertNodeFactory();
        final LoadBertNodeModel model = factory.createNodeModel();
        model.settings().m_useDefault.setBooleanValue(false);
        model.settings().m_folder.setStringValue(folder.toString());
        NodeTesting.throughDialog(model, new LoadBertNodeDialog());
        model.configure(new org.knime.core.node.port.PortObjectSpec[0]);
        return (BertModelPortObject)model.execute(new PortObject[0], NodeTesting.exec(factory))[0];
    }

    public static BertModelPortObject loadDefault() throws Exception {
        final LoadBertNodeFactory factory = new LoadBertNodeFactory();
        final LoadBertNodeModel model = factory.createNodeModel();
        NodeTesting.throughDialog(model, new LoadBertNodeDialog());
        model.configure(new org.knime.core.node.port.PortObjectSpec[0]);
        return (BertModelPortObject)model.execute(new PortObject[0], NodeTesting.exec(factory))[0];
    }
}
