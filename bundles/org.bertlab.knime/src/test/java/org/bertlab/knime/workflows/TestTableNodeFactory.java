package org.bertlab.knime.workflows;

import org.knime.core.node.NodeDialogPane;
import org.knime.core.node.NodeFactory;
import org.knime.core.node.NodeView;

/**
 * Test Table: a table of string columns kept in the node's settings, so that a test workflow carries its small data
 * (a dictionary, a corpus, labelled sentences) in its own settings.xml. KNIME's Table Creator lives in knime-base,
 * which a headless core-only runtime does not have; this node exists only in the test sources and is registered by
 * the test bundle (src/test/resources/workbench-bundle/plugin.xml).
 */
public final class TestTableNodeFactory extends NodeFactory<TestTableNodeModel> {

    @Override
    public TestTableNodeModel createNodeModel() {
        return new TestTableNodeModel();
    }

    @Override
    protected int getNrNodeViews() {
        return 0;
    }

    @Override
    public NodeView<TestTableNodeModel> createNodeView(final int viewIndex, final TestTableNodeModel nodeModel) {
        return null;
    }

    @Override
    protected boolean hasDialog() {
        return false;
    }

    @Override
    protected NodeDialogPane createNodeDialogPane() {
        return null;
    }
}
