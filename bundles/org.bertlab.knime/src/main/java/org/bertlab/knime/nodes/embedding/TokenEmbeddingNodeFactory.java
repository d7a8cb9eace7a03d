package org.bertlab.knime.nodes.embedding;

import org.knime.core.node.NodeDialogPane;
import org.knime.core.node.NodeFactory;
import org.knime.core.node.NodeView;

/** Token Embedding: per-token or pooled BERT vectors of a text column, per layer. */
public final class TokenEmbeddingNodeFactory extends NodeFactory<TokenEmbeddingNodeModel> {

    @Override
    public TokenEmbeddingNodeModel createNodeModel() {
        return new TokenEmbeddingNodeModel();
    }

    @Override
    protected int getNrNodeViews() {
        return 0;
    }

    @Override
    public NodeView<TokenEmbeddingNodeModel> createNodeView(final int viewIndex, final TokenEmbeddingNodeModel nodeModel) {
        return null;
    }

    @Override
    protected boolean hasDialog() {
        return true;
    }

    @Override
    protected NodeDialogPane createNodeDialogPane() {
        return new TokenEmbeddingNodeDialog();
    }
}
