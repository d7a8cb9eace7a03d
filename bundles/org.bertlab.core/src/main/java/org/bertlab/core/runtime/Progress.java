package org.bertlab.core.runtime;

import java.util.concurrent.CancellationException;

/** Progress and cancellation hooks of long engine calls; a KNIME node maps them to its execution monitor. */
public interface Progress {

    /** No reporting, never cancelled. */
    Progress NONE = new Progress() {
        @Override
        public void report(final long done) {
            // nothing to report to
        }

        @Override
        public void checkCancelled() {
            // never cancelled
        }
    };

    /** Called after each batch with the number of inputs finished so far. */
    void report(long done);

    /** Called before each batch; throws to stop the computation promptly. */
    void checkCancelled() throws CancellationException;
}
