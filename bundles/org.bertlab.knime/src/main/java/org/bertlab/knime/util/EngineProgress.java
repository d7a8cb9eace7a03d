package org.bertlab.knime.util;

import java.util.concurrent.CancellationException;

import org.bertlab.core.runtime.Progress;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionMonitor;

/** The engine's progress and cancel hooks, answered by a node's execution monitor. */
public final class EngineProgress implements Progress {

    private final ExecutionMonitor m_exec;

    private final double m_total;

    private final String m_unit;

    /**
     * @param exec the node's monitor (or a sub-monitor)
     * @param total the count the engine reports towards (rows, steps); 0 if unknown
     * @param unit what is counted, for the progress message
     */
    public EngineProgress(final ExecutionMonitor exec, final long total, final String unit) {
        m_exec = exec;
        m_total = total;
        m_unit = unit;
    }

    @Override
    public void report(final long done) {
        if (m_total > 0) {
            m_exec.setProgress(Math.min(1.0, done / m_total), () -> done + " of " + (long)m_total + " " + m_unit);
        } else {
            m_exec.setMessage(() -> done + " " + m_unit);
        }
    }

    @Override
    public void checkCancelled() {
        try {
            m_exec.checkCanceled();
        } catch (CanceledExecutionException e) {
            final CancellationException c = new CancellationException("Execution cancelled");
            c.initCause(e);
            throw c;
        }
    }

    /** Runs an engine call, turning the engine's cancellation back into KNIME's. */
    public static <T> T call(final ExecutionMonitor exec, final EngineCall<T> call) throws Exception {
        try {
            return call.run();
        } catch (CancellationException e) {
            exec.checkCanceled();
            throw new CanceledExecutionException(e.getMessage());
        }
    }

    /** An engine call that may throw. */
    @FunctionalInterface
    public interface EngineCall<T> {
        T run() throws Exception;
    }
}
