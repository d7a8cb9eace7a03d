package org.bertlab.core.runtime;

import java.util.concurrent.Callable;

import ai.djl.engine.Engine;

/**
 * The one way into DJL. DJL finds its engines with {@link java.util.ServiceLoader} on the thread's context class
 * loader and caches what it found for the life of the JVM; inside OSGi a KNIME worker thread carries a loader that
 * cannot see DJL, and a wrong first lookup is permanent ("Deep learning engine not found: PyTorch"). So every
 * engine entry point runs through {@link #call(Callable)}, which sets the context class loader to the loader of
 * this bundle for the duration of the call.
 */
public final class DjlRuntime {

    /** DJL's name of the engine the encoder runs on. */
    public static final String ENGINE = "PyTorch";

    private static volatile boolean configured;

    private static volatile boolean threadsFixed;

    private DjlRuntime() {
    }

    /**
     * Makes DJL offline before its first class loads: no model hub, no native download, no telemetry. Natives come
     * from the pytorch-native jar (or platform fragment) on the class path, or from a CUDA libtorch the user named
     * ({@link CudaLibtorch}); a named folder that does not hold one fails every engine call with what was expected,
     * rather than silently running on the CPU.
     */
    public static void configureOffline() {
        if (configured) {
            return;
        }
        synchronized (DjlRuntime.class) {
            if (System.getProperty("ai.djl.offline") == null) {
                System.setProperty("ai.djl.offline", "true");
            }
            if (System.getProperty("OPT_OUT_TRACKING") == null) {
                System.setProperty("OPT_OUT_TRACKING", "true");
            }
            CudaLibtorch.configure();
            configured = true;
        }
    }

    /** Runs the action with this bundle's class loader as the context class loader. */
    public static <T> T call(final Callable<T> action) {
        configureOffline();
        final Thread thread = Thread.currentThread();
        final ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(DjlRuntime.class.getClassLoader());
        try {
            return action.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** Runs the action with this bundle's class loader as the context class loader. */
    public static void run(final Runnable action) {
        call(() -> {
            action.run();
            return null;
        });
    }

    /**
     * The PyTorch engine, started with the right class loader, its intra-op thread count fixed ({@link TorchThreads})
     * before any kernel runs.
     */
    public static Engine engine() {
        final Engine engine = call(() -> Engine.getEngine(ENGINE));
        if (!threadsFixed) {
            run(TorchThreads::fix);
            threadsFixed = true;
        }
        return engine;
    }

    /** Which native flavour is loaded (CPU or CUDA build of libtorch) and its version, for reports. */
    public static String nativeFlavour() {
        final Engine engine = engine();
        final String flavour = engine.getGpuCount() > 0 ? "cuda" : "cpu";
        return engine.getEngineName() + " " + engine.getVersion() + " (" + flavour + ", DJL " + Engine.getDjlVersion()
            + ")";
    }

    /** Native versions and thread count, printed beside results that are bit-identical only under the same ones. */
    public static String describe() {
        return nativeFlavour() + ", " + TorchThreads.describe();
    }
}
