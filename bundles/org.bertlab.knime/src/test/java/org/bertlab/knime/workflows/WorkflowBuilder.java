package org.bertlab.knime.workflows;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.knime.core.node.ExecutionMonitor;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeFactory;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.config.ConfigEditTreeModel;
import org.knime.core.node.workflow.FlowVariable;
import org.knime.core.node.workflow.NodeAnnotationData;
import org.knime.core.node.workflow.NodeContainer;
import org.knime.core.node.workflow.NodeID;
import org.knime.core.node.workflow.NodeUIInformation;
import org.knime.core.node.workflow.WorkflowCreationHelper;
import org.knime.core.node.workflow.WorkflowManager;
import org.knime.core.node.workflow.WorkflowMetadata;
import org.knime.core.node.workflow.contextv2.WorkflowContextV2;

/**
 * Builds one workflow with KNIME's own {@link WorkflowManager}: nodes are added by factory, their settings go through
 * the node's settings (its defaults, changed, {@code loadNodeSettings}, which validates them as the
 * dialog's OK would), ports are connected, and the workflow is saved as KNIME saves it.
 */
final class WorkflowBuilder implements AutoCloseable {

    /** The settings a node's model reads; a key must already exist (a typo would otherwise be ignored silently). */
    static final class Model {
        private final NodeSettings m_settings;

        /** setting key to the workflow variable that controls it */
        private final Map<String, String> m_bindings = new LinkedHashMap<>();

        Model(final NodeSettings settings) {
            m_settings = settings;
        }

        private void require(final String key) {
            if (!m_settings.containsKey(key)) {
                throw new IllegalArgumentException("no setting " + key + " in " + m_settings.keySet());
            }
        }

        Model set(final String key, final String value) {
            require(key);
            m_settings.addString(key, value);
            return this;
        }

        Model set(final String key, final int value) {
            require(key);
            m_settings.addInt(key, value);
            return this;
        }

        Model set(final String key, final long value) {
            require(key);
            m_settings.addLong(key, value);
            return this;
        }

        Model set(final String key, final double value) {
            require(key);
            m_settings.addDouble(key, value);
            return this;
        }

        Model set(final String key, final boolean value) {
            require(key);
            m_settings.addBoolean(key, value);
            return this;
        }

        /**
         * Lets the workflow variable {@code variable} control the setting, as the dialog's flow variable button
         * does: a scheduled run (BatchExecutor's {@code -workflow.variable=name,value,type}) then changes it.
         */
        Model controlledBy(final String key, final String variable) {
            require(key);
            m_bindings.put(key, variable);
            return this;
        }

        /** The node's "variables" settings for the bindings, written as the dialog writes them; null if none. */
        private NodeSettings variables() {
            if (m_bindings.isEmpty()) {
                return null;
            }
            final ConfigEditTreeModel tree = ConfigEditTreeModel.create(m_settings);
            m_bindings.forEach((key, variable) -> tree.findChildForKeyPath(new String[]{key})
                .setUseVariableName(variable));
            final NodeSettings variables = new NodeSettings("variables");
            tree.writeVariablesTo(variables);
            return variables;
        }
    }

    private final WorkflowManager m_wfm;

    private final Path m_dir;

    private int m_column;

    WorkflowBuilder(final Path dir) {
        m_dir = dir;
        m_wfm = WorkflowManager.ROOT.createAndAddProject(dir.getFileName().toString(),
            new WorkflowCreationHelper(WorkflowContextV2.forTemporaryWorkflow(dir, null)));
    }

    WorkflowManager manager() {
        return m_wfm;
    }

    /** Adds a node at the next place of its row, annotated, with its model settings changed by {@code settings}. */
    NodeID node(final NodeFactory<?> factory, final int row, final String annotation,
        final java.util.function.Consumer<Model> settings) throws InvalidSettingsException {
        final NodeID id = m_wfm.createAndAddNode(factory);
        final NodeContainer nc = m_wfm.getNodeContainer(id);
        nc.setUIInformation(NodeUIInformation.builder().setNodeLocation(80 + 200 * m_column++, 80 + 150 * row, -1, -1)
            .setHasAbsoluteCoordinates(true).build());
        final NodeAnnotationData text = nc.getNodeAnnotation().getData().clone();
        text.setText(annotation);
        nc.getNodeAnnotation().copyFrom(text, false);
        if (settings != null) {
            final NodeSettings all = defaults(id);
            final NodeSettingsRO model = all.getNodeSettings("model");
            final Model m = new Model((NodeSettings)model);
            settings.accept(m);
            final NodeSettings variables = m.variables();
            if (variables != null) {
                all.addNodeSettings(variables);
            }
            m_wfm.loadNodeSettings(id, all);
        }
        return id;
    }

    /**
     * The workflow's metadata as KNIME AP's description panel edits it: plain-text description and author. (The
     * author of {@code workflow.knime}'s authorInformation is the operating-system user, set by the generator.)
     */
    void describe(final String author, final String description) {
        m_wfm.setContainerMetadata(WorkflowMetadata.fluentBuilder().withPlainContent().withLastModifiedNow()
            .withDescription(description).withAuthor(author).build());
    }

    /** Defines a workflow variable, the value a scheduled run may override (see {@link Model#controlledBy}). */
    void variable(final FlowVariable variable) {
        m_wfm.addWorkflowVariables(true, variable);
    }

    /** The node's settings with its model's defaults (a fresh node holds none until they are asked for). */
    private NodeSettings defaults(final NodeID id) {
        return m_wfm.getNodeContainer(id).getNodeSettings();
    }

    /** Connects data ports counted from 0 as the node descriptions count them (KNIME's port 0 is flow variables). */
    void connect(final NodeID from, final int outPort, final NodeID to, final int inPort) {
        m_wfm.addConnection(from, outPort + 1, to, inPort + 1);
    }

    void save() throws Exception {
        m_wfm.save(m_dir.toFile(), new ExecutionMonitor(), true);
    }

    @Override
    public void close() {
        WorkflowManager.ROOT.removeProject(m_wfm.getID());
    }
}
