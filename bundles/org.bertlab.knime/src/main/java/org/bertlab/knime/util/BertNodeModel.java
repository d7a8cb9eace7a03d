package org.bertlab.knime.util;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.bertlab.core.model.BertModel;
import org.bertlab.core.model.LoadOptions;
import org.bertlab.core.model.ModelLoadException;
import org.bertlab.knime.port.BertModelPortObject;
import org.bertlab.knime.port.ModelCache;
import org.knime.core.node.ExecutionContext;

import org.knime.core.node.ExecutionMonitor;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeModel;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.NodeSettingsWO;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortType;

/**
 * What the nodes share: settings plumbing through the node's {@link SettingsBase}, and the holds on the BERT models
 * the node opened from its input ports or built for its output ports, let go when the node is reset or disposed so
 * that a model's native memory is freed once no node needs it.
 */
public abstract class BertNodeModel<S extends SettingsBase> extends NodeModel {

    protected final S m_settings;

    private final List<ModelCache.Lease> m_models = new ArrayList<>();

    /** Why the model does not run on the GPU that was asked for; kept in front of the node's other warnings. */
    private String m_deviceWarning;

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

    /** The model at an input port, opened (or shared, if already open) and held until this node is reset. */
    protected final BertModel model(final PortObject port) throws ModelLoadException {
        final ModelCache.Lease lease = ((BertModelPortObject)port).open();
        hold(lease);
        return lease.model();
    }

    /**
     * The model at an input port on the device the node's settings ask for ("as the model": the port's). A GPU that
     * was asked for and is missing is a warning, or an error if the user ticked "fail if the GPU is missing".
     */
    protected final BertModel model(final PortObject port, final DeviceSettings device)
        throws ModelLoadException, InvalidSettingsException {
        final BertModelPortObject modelPort = (BertModelPortObject)port;
        final LoadOptions asked = device.applyTo(modelPort.loadOptions());
        final ModelCache.Lease lease = modelPort.open(asked);
        hold(lease);
        m_deviceWarning = device.checkRunsWhereAsked(lease.model(), asked);
        warn(null);
        return lease.model();
    }

    /** Sets the node's warning, after the device warning if there is one; null for none but that. */
    protected final void warn(final String warning) {
        final String joined = Stream.of(m_deviceWarning, warning).filter(w -> w != null && !w.isEmpty())
            .collect(Collectors.joining("; "));
        if (!joined.isEmpty()) {
            setWarningMessage(joined);
        }
    }

    /**
     * The model port for a model this node has built; the weights go into a file store of this execution. Takes the
     * model over: the node holds it from then on, or, when storing fails (a full disk, a cancel), it is closed.
     */
    protected final BertModelPortObject modelPort(final ExecutionContext exec, final BertModel model,
        final LoadOptions options) throws IOException {
        try {
            return BertModelPortObject.store(exec, ModelSpecs.of(model), model, options, this::hold);
        } catch (IOException | RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /** Keeps a hold on a model until this node is reset or disposed. */
    protected final void hold(final ModelCache.Lease lease) {
        synchronized (m_models) {
            m_models.add(lease);
        }
    }

    /** Lets go of every model this node holds; a model no other node holds is closed. */
    private void releaseModels() {
        synchronized (m_models) {
            m_models.forEach(ModelCache.Lease::close);
            m_models.clear();
        }
    }

    @Override
    protected final void reset() {
        // results travel in the output ports; only the holds on models are kept between executions
        releaseModels();
        m_deviceWarning = null;
    }

    @Override
    protected void onDispose() {
        releaseModels();
        super.onDispose();
    }
}
