package org.bertlab.knime.nodes.load;

import org.bertlab.knime.port.BertModelPortObject;
import org.bertlab.knime.testing.NodeTesting;
import org.knime.core.node.port.PortObject;

/** Runs the Load BERT node on the built-in default model, for other nodes' tests. */
public final class LoadBertTesting {

    private LoadBertTesting() {
    }

    public static BertModelPortObject loadDefault() throws Exception {
        final LoadBertNodeFactory factory = new LoadBertNodeFactory();
        final LoadBertNodeModel model = factory.createNodeModel();
        return (BertModelPortObject)model.execute(new PortObject[0], NodeTesting.exec(factory))[0];
    }
}
