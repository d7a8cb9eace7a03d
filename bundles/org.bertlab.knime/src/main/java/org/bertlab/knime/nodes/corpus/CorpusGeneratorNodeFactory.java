package org.bertlab.knime.nodes.corpus;

import org.knime.core.node.NodeDialogPane;
import org.knime.core.node.NodeFactory;
import org.knime.core.node.NodeView;

/** Artificial Corpus Generator: the engine's seeded artificial corpora as a table. */
public final class CorpusGeneratorNodeFactory extends NodeFactory<CorpusGeneratorNodeModel> {

    @Override
    public CorpusGeneratorNodeModel createNodeModel() {
        return new CorpusGeneratorNodeModel();
    }

    @Override
    protected int getNrNodeViews() {
        return 0;
    }

    @Override
    public NodeView<CorpusGeneratorNodeModel> createNodeView(final int viewIndex, final CorpusGeneratorNodeModel nodeModel) {
        return null;
    }

    @Override
    protected boolean hasDialog() {
        return true;
    }

    @Override
    protected NodeDialogPane createNodeDialogPane() {
        return new CorpusGeneratorNodeDialog();
    }
}
