package org.bertlab.knime.nodes.writer;

import org.knime.core.node.NodeDialogPane;
import org.knime.core.node.NodeFactory;
import org.knime.core.node.NodeView;

/** BERT Model Writer: saves a model as a Hugging Face folder. */
public final class ModelWriterNodeFactory extends NodeFactory<ModelWriterNodeModel> {

    @Override
    public ModelWriterNodeModel createNodeModel() {
        return new ModelWriterNodeModel();
    }

    @Override
    protected int getNrNodeViews() {
        return 0;
    }

    @Override
    public NodeView<ModelWriterNodeModel> createNodeView(final int viewIndex, final ModelWriterNodeModel nodeModel) {
        return null;
    }

    @Override
    protected boolean hasDialog() {
        return true;
    }

    @Override
    protected NodeDialogPane createNodeDialogPane() {
        return new ModelWriterNodeDialog();
    }
}
