package org.bertlab.knime.nodes.mrr;

import org.knime.core.node.NodeDialogPane;
import org.knime.core.node.NodeFactory;
import org.knime.core.node.NodeView;

/** Dictionary MRR: per-layer mean reciprocal rank of dictionary translations. */
public final class DictionaryMrrNodeFactory extends NodeFactory<DictionaryMrrNodeModel> {

    @Override
    public DictionaryMrrNodeModel createNodeModel() {
        return new DictionaryMrrNodeModel();
    }

    @Override
    protected int getNrNodeViews() {
        return 0;
    }

    @Override
    public NodeView<DictionaryMrrNodeModel> createNodeView(final int viewIndex, final DictionaryMrrNodeModel nodeModel) {
        return null;
    }

    @Override
    protected boolean hasDialog() {
        return true;
    }

    @Override
    protected NodeDialogPane createNodeDialogPane() {
        return new DictionaryMrrNodeDialog();
    }
}
