package org.bertlab.knime.util;

import java.io.File;

import org.knime.core.node.ExecutionMonitor;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeModel;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.NodeSettingsWO;
import org.knime.core.node.port.PortType;

/** Settings plumbing shared by the nodes: everything goes through the node's {@link SettingsBase}. */
public abstract class BertNodeModel<S extends SettingsBase> extends NodeModel {

    protected final S m_settings;

    protected BertNodeModel(final PortType[] in, final PortType[] out, final S settings) {
        super(in, out);
        m_settings = settings;
    }

    /** The node's settings (dialogs and tests set them; execution reads them). */
    public final S settings() {
        return m_settings;
    }

    /** The warning of the last configure or execute (e.g. skipped missing cells), or null. */
    public final String warning() {
        return getWarningMessage();
    }

    /**
     * Runs a node's execution: out-of-memory becomes one line on what to make smaller ({@link OutOfMemory}), and an
     * engine error naming options names them by their dialog labels.
     *
     * @param work what the node is doing, for the out-of-memory message
     * @param smaller what the user can make smaller, for the out-of-memory message
     */
    protected final <T> T run(final String work, final String smaller, final EngineProgress.EngineCall<T> call)
        throws Exception {
        try {
            return OutOfMemory.guard(work, smaller, call);
        } catch (Exception e) {
            throw m_settings.inDialogTerms(e);
        }
    }

    @Override
    protected final void saveSettingsTo(final NodeSettingsWO settings) {
        m_settings.saveTo(settings);
    }

    @Override
    protected final void validateSettings(final NodeSettingsRO settings) throws InvalidSettingsException {
        m_settings.validate(settings);
    }

    @Override
    protected final void loadValidatedSettingsFrom(final NodeSettingsRO settings) throws InvalidSettingsException {
        m_settings.loadValidated(settings);
    }

    @Override
    protected void loadInternals(final File nodeInternDir, final ExecutionMonitor exec) {
        // results travel in the output ports
    }

    @Override
    protected void saveInternals(final File nodeInternDir, final ExecutionMonitor exec) {
        // results travel in the output ports
    }

    @Override
    protected void reset() {
        // nothing held between executions
    }
}
