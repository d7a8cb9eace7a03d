package org.bertlab.knime.util;

import org.bertlab.core.model.BertModel;

/**
 * Copies of models. A port object's model may feed several nodes, so nodes that change a model (training, token
 * mapping) work on their own copy ({@link BertModel#copy()}), which the node's output port object then owns.
 */
public final class ModelCopies {

    private ModelCopies() {
    }

    /** An in-memory copy with every setting of the model; the caller owns (closes) it. */
    public static BertModel copy(final BertModel model) {
        return model.copy();
    }
}
