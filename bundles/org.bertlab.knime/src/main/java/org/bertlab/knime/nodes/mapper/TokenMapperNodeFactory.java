package org.bertlab.knime.nodes.mapper;

import org.knime.core.node.NodeDialogPane;
import org.knime.core.node.NodeFactory;
import org.knime.core.node.NodeView;

/** Token Mapper: maps symbols of another discipline onto vocabulary tokens. */
public final class TokenMapperNodeFactory extends NodeFactory<TokenMapperNodeModel> {

    @Override
    public TokenMapperNodeModel createNodeModel() {
        return new TokenMapperNodeModel();
    }

    @Override
    protected int getNrNodeViews() {
        return 0;
    }

    @Override
    public NodeView<TokenMapperNodeModel> createNodeView(final int viewIndex, final TokenMapperNodeModel nodeModel) {
        return null;
    }

    @Override
    protected boolean hasDialog() {
        return true;
    }

    @Override
    protected NodeDialogPane createNodeDialogPane() {
        return new TokenMapperNodeDialog();
    }
}
