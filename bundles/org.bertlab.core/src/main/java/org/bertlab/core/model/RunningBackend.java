package org.bertlab.core.model;

import org.bertlab.core.encoder.InferenceBackend;

/**
 * A model's inference backend with a count of the batches running on it. A model makes a new backend when its
 * weights or its inference precision change, possibly while other threads still run batches on the old one (two
 * KNIME nodes reading one model): the old one is retired, and its native session is closed when its last running
 * batch ends, never under it.
 */
final class RunningBackend {

    private final InferenceBackend backend;

    private int running;

    private boolean retired;

    RunningBackend(final InferenceBackend backend) {
        this.backend = backend;
    }

    InferenceBackend backend() {
        return backend;
    }

    /** Counts a batch that starts; the model calls it under its own lock, so a retired backend is never entered. */
    synchronized void enter() {
        if (retired) {
            throw new IllegalStateException("the inference backend was closed");
        }
        running++;
    }

    /** Counts a batch that ended, and closes a retired backend after its last batch. */
    synchronized void exit() {
        running--;
        if (retired && running == 0) {
            backend.close();
        }
    }

    /** No batch may start any more; closes the backend now if none runs, else when the last one ends. */
    synchronized void retire() {
        if (!retired) {
            retired = true;
            if (running == 0) {
                backend.close();
            }
        }
    }
}
