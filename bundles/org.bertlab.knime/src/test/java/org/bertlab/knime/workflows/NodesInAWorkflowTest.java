package org.bertlab.knime.workflows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.Map;

import org.bertlab.knime.nodes.embedding.TokenEmbeddingNodeFactory;
import org.bertlab.knime.nodes.finetune.FineTuneNodeFactory;
import org.bertlab.knime.nodes.load.LoadBertNodeFactory;
import org.bertlab.knime.nodes.mrr.DictionaryMrrNodeFactory;
import org.bertlab.knime.port.BertModelPortObjectSpec;
import org.bertlab.knime.testing.KnimeTestRuntime;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knime.core.data.DataTableSpec;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeModel;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.workflow.FlowVariable;
import org.knime.core.node.workflow.NativeNodeContainer;
import org.knime.core.node.workflow.NodeContainer;
import org.knime.core.node.workflow.NodeContext;
import org.knime.core.node.workflow.NodeID;

/** Nodes as a KNIME user meets them in a workflow: specs before execution, chains, flow variables. */
class NodesInAWorkflowTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void knime() throws Exception {
        KnimeTestRuntime.start();
    }

    /** Output data port {@code port} (counted from 0) spec, as a downstream node's dialog sees it. */
    private static PortObjectSpec outSpec(final WorkflowBuilder b, final NodeID node, final int port) {
        return b.manager().getNodeContainer(node).getOutPort(port + 1).getPortObjectSpec();
    }

    @Test
    void specsFlowDownstreamBeforeAnythingExecutesAndTwoEmbeddingsInARowWork() throws Exception {
        try (WorkflowBuilder b = new WorkflowBuilder(dir.resolve("two-embeddings"))) {
            final NodeID load = b.node(new LoadBertNodeFactory(), 0, "Embedded default model", null);
            // sentences alternate English and Chinese
            final NodeID texts =
                TestWorkflowGenerator.exampleData(b, 1, TestWorkflowGenerator.SENTENCES, 3, "Three sentences");
            final NodeID first = b.node(new TokenEmbeddingNodeFactory(), 0, "last layer", m -> m
                .set("text_column", "text").set("pooling", "mean").set("layers", "last"));
            final NodeID second = b.node(new TokenEmbeddingNodeFactory(), 0, "last layer again", m -> m
                .set("text_column", "text").set("pooling", "cls").set("layers", "0,4"));
            b.connect(load, 0, first, 0);
            b.connect(texts, 0, first, 1);
            b.connect(load, 0, second, 0);
            b.connect(first, 0, second, 1);

            // configured, nothing executed: every spec is known downstream
            final BertModelPortObjectSpec model = assertInstanceOf(BertModelPortObjectSpec.class, outSpec(b, load, 0));
            assertEquals(4, model.getLayers());
            final DataTableSpec configured = assertInstanceOf(DataTableSpec.class, outSpec(b, second, 0));
            assertEquals(5, configured.getNumColumns(), configured.toString());
            assertEquals("layer 4", configured.getColumnSpec(2).getName());
            assertEquals("layer 0", configured.getColumnSpec(3).getName());
            assertEquals("layer 4 (#1)", configured.getColumnSpec(4).getName(), "a unique name for the second");

            assertTrue(b.manager().executeAllAndWaitUntilDone(), b.manager().printNodeSummary(b.manager().getID(), 0));
            final DataTableSpec executed = (DataTableSpec)outSpec(b, second, 0);
            assertTrue(configured.equalStructure(executed), "configure told the truth: " + executed);
            assertEquals(3, TestWorkflowsTest.table(b.manager().getNodeContainer(second), 0).size(),
                "every row goes through both nodes");
        }
    }

    @Test
    void fineTuneConnectedToAModelNotYetKnownIsNoError() throws Exception {
        try (WorkflowBuilder b = new WorkflowBuilder(dir.resolve("fine-tune"))) {
            final NodeID load = b.node(new LoadBertNodeFactory(), 0, "A folder that is not there", m -> m
                .set("use_default_model", false).set("model_folder", dir.resolve("no-model").toString()));
            final NodeID train =
                TestWorkflowGenerator.exampleData(b, 1, TestWorkflowGenerator.TOPICS, 4, "Topic sentences");
            final NodeID connected = b.node(new FineTuneNodeFactory(), 0, "classify", m -> m
                .set("text_column", "en").set("label_column", "topic"));
            final NodeID unconnected = b.node(new FineTuneNodeFactory(), 1, "classify, no model", m -> m
                .set("text_column", "en").set("label_column", "topic"));
            b.connect(load, 0, connected, 0);
            b.connect(train, 0, connected, 1);
            b.connect(train, 0, unconnected, 1);
            assertNull(outSpec(b, load, 0), "the folder does not exist: no model spec");

            final DataTableSpec table = (DataTableSpec)outSpec(b, train, 0);
            final PortObjectSpec[] out = configureInContext(b.manager().getNodeContainer(connected),
                new PortObjectSpec[]{null, table, null});
            assertNull(out[0], "the model's spec is not known yet, so neither is the fine-tuned one's");
            assertNotNull(out[1]);

            final InvalidSettingsException e = assertThrows(InvalidSettingsException.class,
                () -> configureInContext(b.manager().getNodeContainer(unconnected),
                    new PortObjectSpec[]{null, table, null}));
            assertTrue(e.getMessage().contains("connect one"), e.getMessage());
            assertTrue(b.manager().getNodeContainer(unconnected).getNodeMessage().getMessage().contains("connect one"),
                "the workflow tells the same: " + b.manager().getNodeContainer(unconnected).getNodeMessage());
        }
    }

    /** Configures a node's model as its workflow would: inside the node's context. */
    private static PortObjectSpec[] configureInContext(final NodeContainer nc, final PortObjectSpec[] in)
        throws Exception {
        final NodeModel model = ((NativeNodeContainer)nc).getNodeModel();
        final Method configure = NodeModel.class.getDeclaredMethod("configure", PortObjectSpec[].class);
        configure.setAccessible(true);
        NodeContext.pushContext(nc);
        try {
            return (PortObjectSpec[])configure.invoke(model, (Object)in);
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause() instanceof Exception ex ? ex : e;
        } finally {
            NodeContext.removeLastContext();
        }
    }

    @Test
    void dictionaryMrrPublishesTheBestLayerAsFlowVariables() throws Exception {
        try (WorkflowBuilder b = new WorkflowBuilder(dir.resolve("mrr"))) {
            final NodeID load = b.node(new LoadBertNodeFactory(), 0, "Embedded default model", null);
            final NodeID dict =
                TestWorkflowGenerator.exampleData(b, 1, TestWorkflowGenerator.DICTIONARY, 40, "40 dictionary pairs");
            final NodeID mrr = b.node(new DictionaryMrrNodeFactory(), 0, "isolated, no centring", m -> m
                .set("source_column", "en").set("target_column", "zh").set("layers", "0,2,4").set("center", false));
            b.connect(load, 0, mrr, 0);
            b.connect(dict, 0, mrr, 1);
            assertTrue(b.manager().executeAllAndWaitUntilDone(), b.manager().printNodeSummary(b.manager().getID(), 0));

            final NodeContainer nc = b.manager().getNodeContainer(mrr);
            final Map<String, FlowVariable> variables =
                nc.getOutPort(1).getFlowObjectStack().getAllAvailableFlowVariables();
            final FlowVariable layer = variables.get("mrr_best_layer");
            final FlowVariable best = variables.get("mrr_best");
            assertNotNull(layer, variables.toString());
            assertNotNull(best, variables.toString());
            // the highest MRR of the metrics table, and its layer
            double highest = Double.NEGATIVE_INFINITY;
            int highestLayer = -1;
            for (final org.knime.core.data.DataRow row : TestWorkflowsTest.table(nc, 0)) {
                final double m = ((org.knime.core.data.DoubleValue)row.getCell(3)).getDoubleValue();
                if (m > highest) {
                    highest = m;
                    highestLayer = ((org.knime.core.data.IntValue)row.getCell(0)).getIntValue();
                }
            }
            assertEquals(highestLayer, layer.getIntValue());
            assertEquals(highest, best.getDoubleValue(), 0);
            assertFalse(Double.isNaN(best.getDoubleValue()));
        }
    }
}
