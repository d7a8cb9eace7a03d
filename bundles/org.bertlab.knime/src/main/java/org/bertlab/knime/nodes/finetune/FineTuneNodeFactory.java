package org.bertlab.knime.nodes.finetune;

import org.knime.core.node.NodeDialogPane;
import org.knime.core.node.NodeFactory;
import org.knime.core.node.NodeView;

/** Fine-Tune: classification, extractive QA or masked LM on a BERT, or masked-LM pre-training from scratch. */
public final class FineTuneNodeFactory extends NodeFactory<FineTuneNodeModel> {

    @Override
    public FineTuneNodeModel createNodeModel() {
        return new FineTuneNodeModel();
    }

    @Override
    protected int getNrNodeViews() {
        return 0;
    }

    @Override
    public NodeView<FineTuneNodeModel> createNodeView(final int viewIndex, final FineTuneNodeModel nodeModel) {
        return null;
    }

    @Override
    protected boolean hasDialog() {
        return true;
    }

    @Override
    protected NodeDialogPane createNodeDialogPane() {
        return new FineTuneNodeDialog();
    }
}
