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
