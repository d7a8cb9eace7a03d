package org.bertlab.knime.nodes.offset;

import org.knime.core.node.NodeDialogPane;
import org.knime.core.node.NodeFactory;
import org.knime.core.node.NodeView;

/** Language Offset: per-layer offset vectors between languages and translation by offset. */
public final class LanguageOffsetNodeFactory extends NodeFactory<LanguageOffsetNodeModel> {

    @Override
    public LanguageOffsetNodeModel createNodeModel() {
        return new LanguageOffsetNodeModel();
    }

    @Override
    protected int getNrNodeViews() {
        return 0;
    }

    @Override
    public NodeView<LanguageOffsetNodeModel> createNodeView(final int viewIndex,
        final LanguageOffsetNodeModel nodeModel) {
        return null;
    }

    @Override
    protected boolean hasDialog() {
        return true;
    }

    @Override
    protected NodeDialogPane createNodeDialogPane() {
        return new LanguageOffsetNodeDialog();
    }
}
