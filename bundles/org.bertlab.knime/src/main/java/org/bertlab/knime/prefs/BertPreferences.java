package org.bertlab.knime.prefs;

import java.nio.file.Path;

import org.bertlab.core.runtime.CudaLibtorch;
import org.bertlab.core.runtime.DeviceChoice;
import org.eclipse.core.runtime.preferences.DefaultScope;
import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.core.runtime.preferences.InstanceScope;

/**
 * The preferences as node models read them: plain Java, no SWT, so that headless executors and servers run the
 * nodes. The SWT page ({@code prefs.ui.BertPreferencePage}) writes the same keys; without an Eclipse preference
 * service (tests, plain JVMs) every value is its default.
 */
public final class BertPreferences {

    /** The preference node: this bundle's symbolic name. */
    public static final String NODE = "org.bertlab.knime";

    public static final String KEY_CACHE_DIR = "djl_cache_dir";

    public static final String KEY_DEVICE = "device";

    public static final String KEY_THREADS = "cpu_threads";

    public static final String KEY_OFFLINE = "offline";

    /** A CUDA libtorch 2.7.1 folder the user installed ({@link CudaLibtorch}); empty: the shipped CPU natives. */
    public static final String KEY_LIBTORCH = "cuda_libtorch_folder";

    /** DJL's usual cache folder: natives are extracted there once per machine. */
    public static final String DEFAULT_CACHE_DIR = Path.of(System.getProperty("user.home"), ".djl.ai").toString();

    public static final String DEFAULT_DEVICE = "cpu";

    /** 0: let PyTorch choose (one per core). */
    public static final int DEFAULT_THREADS = 0;

    /** Nothing is downloaded at run time: natives come from the natives fragment. */
    public static final boolean DEFAULT_OFFLINE = true;

    public static final String DEFAULT_LIBTORCH = "";

    private BertPreferences() {
    }

    public static String cacheDir() {
        return get(KEY_CACHE_DIR, DEFAULT_CACHE_DIR);
    }

    /** The device nodes use unless their own setting names one. */
    public static DeviceChoice defaultDevice() {
        try {
            return DeviceChoice.parse(get(KEY_DEVICE, DEFAULT_DEVICE));
        } catch (IllegalArgumentException e) {
            return DeviceChoice.CPU;
        }
    }

    public static int cpuThreads() {
        try {
            return Math.max(0, Integer.parseInt(get(KEY_THREADS, Integer.toString(DEFAULT_THREADS))));
        } catch (NumberFormatException e) {
            return DEFAULT_THREADS;
        }
    }

    public static boolean offline() {
        return Boolean.parseBoolean(get(KEY_OFFLINE, Boolean.toString(DEFAULT_OFFLINE)));
    }

    public static String cudaLibtorchFolder() {
        return get(KEY_LIBTORCH, DEFAULT_LIBTORCH).trim();
    }

    /**
     * Hands the preferences to DJL. DJL reads them when its engine first starts, so this runs before every engine
     * call; later changes apply after a restart (the natives are loaded once per JVM).
     */
    public static void applyToEngine() {
        setIfAbsent("DJL_CACHE_DIR", cacheDir());
        setIfAbsent("ai.djl.offline", Boolean.toString(offline()));
        if (cpuThreads() > 0) {
            setIfAbsent("ai.djl.pytorch.num_threads", Integer.toString(cpuThreads()));
        }
        // -Dbertlab.libtorch in knime.ini and the environment variable BERTLAB_LIBTORCH win over the preference
        if (CudaLibtorch.configured() == null && !cudaLibtorchFolder().isEmpty()) {
            System.setProperty(CudaLibtorch.PROPERTY, cudaLibtorchFolder());
        }
    }

    private static void setIfAbsent(final String key, final String value) {
        if (System.getProperty(key) == null && System.getenv(key) == null) {
            System.setProperty(key, value);
        }
    }

    private static String get(final String key, final String fallback) {
        try {
            final IEclipsePreferences instance = InstanceScope.INSTANCE.getNode(NODE);
            final IEclipsePreferences defaults = DefaultScope.INSTANCE.getNode(NODE);
            return instance.get(key, defaults.get(key, fallback));
        } catch (RuntimeException | LinkageError e) {
            // no preference service (plain JVM): defaults
            return fallback;
        }
    }
}
