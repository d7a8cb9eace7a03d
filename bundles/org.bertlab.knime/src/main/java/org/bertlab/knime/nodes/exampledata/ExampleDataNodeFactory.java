package org.bertlab.knime.nodes.exampledata;

import org.knime.core.node.NodeDialogPane;
import org.knime.core.node.NodeFactory;
import org.knime.core.node.NodeView;

/** Example Data: the CC0 data sets shipped with the engine, as tables the other nodes take. */
public final class ExampleDataNodeFactory extends NodeFactory<ExampleDataNodeModel> {

    @Override
    public ExampleDataNodeModel createNodeModel() {
        return new ExampleDataNodeModel();
    }

    @Override
    protected int getNrNodeViews() {
        return 0;
    }

    @Override
    public NodeView<ExampleDataNodeModel> createNodeView(final int viewIndex, final ExampleDataNodeModel nodeModel) {
        return null;
    }

    @Override
    protected boolean hasDialog() {
        return true;
    }

    @Override
    protected NodeDialogPane createNodeDialogPane() {
        return new ExampleDataNodeDialog();
    }
}
