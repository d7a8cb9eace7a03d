package org.bertlab.core.ort;

import org.bertlab.core.runtime.TorchThreads;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;

/**
 * The process's ONNX Runtime environment, made with one intra-op thread pool that every session of the engine
 * shares. Without it each session starts a pool of its own, so two KNIME nodes embedding at once (or one node per
 * model) would each use the whole thread count and together oversubscribe the CPU; with it they take turns on the
 * same threads, as PyTorch's kernels do on PyTorch's one pool.
 *
 * <p>
 * ONNX Runtime allows one environment per process and fixes its pools when it is made. When another library made it
 * first (without shared pools), sessions fall back to pools of their own of the same size, as before.
 */
final class OrtThreadPool {

    /** System property: ONNX Runtime's intra-op threads (default: PyTorch's, so one number describes both engines). */
    static final String THREADS = "bertlab.inference.threads";

    private static OrtEnvironment environment;

    private static boolean shared;

    private static int threads;

    private OrtThreadPool() {
    }

    /**
     * The environment; the first call makes it, with a shared pool of {@link #threads()} intra-op threads when no
     * environment exists yet.
     */
    static synchronized OrtEnvironment environment() throws OrtException {
        if (environment == null) {
            final int wantedThreads = Integer.getInteger(THREADS, TorchThreads.count());
            threads = wantedThreads;
            try (OrtEnvironment.ThreadingOptions pool = new OrtEnvironment.ThreadingOptions()) {
                pool.setGlobalIntraOpNumThreads(wantedThreads);
                pool.setGlobalInterOpNumThreads(1);
                environment = OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_WARNING,
                    OrtEnvironment.DEFAULT_NAME, pool);
                shared = true;
            } catch (IllegalStateException alreadyMade) {
                environment = OrtEnvironment.getEnvironment();
                shared = false;
            }
        }
        return environment;
    }

    /** Sets a session's threads: the shared pool, or (when there is none) a pool of its own of the same size. */
    static synchronized void configure(final OrtSession.SessionOptions options) throws OrtException {
        if (shared) {
            options.disablePerSessionThreads();
        } else {
            options.setIntraOpNumThreads(threads);
            options.setInterOpNumThreads(1);
        }
    }

    /** The intra-op thread count of every session of the process. */
    static synchronized int threads() throws OrtException {
        environment();
        return threads;
    }

    /** Whether sessions share the environment's pool (false when another library made the environment first). */
    static synchronized boolean shared() {
        return shared;
    }
}
