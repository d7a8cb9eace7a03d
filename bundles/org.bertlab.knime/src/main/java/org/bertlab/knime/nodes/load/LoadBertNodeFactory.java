package org.bertlab.knime.nodes.load;

import org.knime.core.node.NodeDialogPane;
import org.knime.core.node.NodeFactory;
import org.knime.core.node.NodeView;

/** Load BERT: a Hugging Face folder, an ONNX export, a saved model, or the built-in default. */
public final class LoadBertNodeFactory extends NodeFactory<LoadBertNodeModel> {

    @Override
    public LoadBertNodeModel createNodeModel() {
        return new LoadBertNodeModel();
    }

    @Override
    protected int getNrNodeViews() {
        return 0;
    }

    @Override
    public NodeView<LoadBertNodeModel> createNodeView(final int viewIndex, final LoadBertNodeModel nodeModel) {
        return null;
    }

    @Override
    protected boolean hasDialog() {
        return true;
    }

    @Override
    protected NodeDialogPane createNodeDialogPane() {
        return new LoadBertNodeDialog();
    }
}
