package org.bertlab.knime.nodes.predictor;

import org.knime.core.node.NodeDialogPane;
import org.knime.core.node.NodeFactory;
import org.knime.core.node.NodeView;

/** BERT Predictor: class labels or extractive answers, with scores, from a fine-tuned model. */
public final class BertPredictorNodeFactory extends NodeFactory<BertPredictorNodeModel> {

    @Override
    public BertPredictorNodeModel createNodeModel() {
        return new BertPredictorNodeModel();
    }

    @Override
    protected int getNrNodeViews() {
        return 0;
    }

    @Override
    public NodeView<BertPredictorNodeModel> createNodeView(final int viewIndex,
        final BertPredictorNodeModel nodeModel) {
        return null;
    }

    @Override
    protected boolean hasDialog() {
        return true;
    }

    @Override
    protected NodeDialogPane createNodeDialogPane() {
        return new BertPredictorNodeDialog();
    }
}
