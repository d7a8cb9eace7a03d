package org.bertlab.knime.nodes.squad;

import org.knime.core.node.NodeDialogPane;
import org.knime.core.node.NodeFactory;
import org.knime.core.node.NodeView;

/** SQuAD Reader: a SQuAD v1.1 or DRCD JSON file as the QA table Fine-Tune and the Predictor take. */
public final class SquadReaderNodeFactory extends NodeFactory<SquadReaderNodeModel> {

    @Override
    public SquadReaderNodeModel createNodeModel() {
        return new SquadReaderNodeModel();
    }

    @Override
    protected int getNrNodeViews() {
        return 0;
    }

    @Override
    public NodeView<SquadReaderNodeModel> createNodeView(final int viewIndex, final SquadReaderNodeModel nodeModel) {
        return null;
    }

    @Override
    protected boolean hasDialog() {
        return true;
    }

    @Override
    protected NodeDialogPane createNodeDialogPane() {
        return new SquadReaderNodeDialog();
    }
}
