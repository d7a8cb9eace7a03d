package org.bertlab.core.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.lang3.StringUtils;

/**
 * A CUDA build of libtorch that the user installed, used instead of the shipped CPU natives: the GPU route that needs
 * no download. The folder is either an unpacked libtorch 2.7.1+cu128 archive from pytorch.org (holding {@code lib/}
 * and {@code build-version}) or the {@code torch} package folder of a PyTorch 2.7.1+cu128 installation (holding
 * {@code lib/} and {@code version.py}), or the {@code lib} folder of either.
 *
 * <p>Why exactly 2.7.1 and cu128: DJL's JNI glue ({@code pytorch-jni 2.7.1-0.36.0}, embedded in this bundle) is built
 * against libtorch 2.7.1, and its only CUDA flavour is {@code cu128}, for linux-x86_64 and win-x86_64. Another
 * libtorch loads and then fails on missing symbols, or aborts the JVM; so the folder is checked before DJL sees it.
 *
 * <p>How DJL 0.36 is told ({@code ai.djl.pytorch.jni.LibUtils}): {@code PYTORCH_LIBRARY_PATH} (environment variable
 * or system property) names a folder holding libtorch, which DJL takes before any bundled natives;
 * {@code PYTORCH_FLAVOR} picks the JNI library {@code jnilib/<classifier>/cu128/} of pytorch-jni (without it DJL
 * would ask for {@code cpu}, or for a flavour it must download); {@code PYTORCH_VERSION} names the version for the
 * JNI cache folder. This class sets the three as system properties before the engine first starts.
 */
public final class CudaLibtorch {

    /** Environment variable naming the folder (for the command line and headless KNIME executors). */
    public static final String ENV = "BERTLAB_LIBTORCH";

    /** System property naming the folder ({@code -Dbertlab.libtorch=…}; the KNIME preference sets it). */
    public static final String PROPERTY = "bertlab.libtorch";

    /** The libtorch version DJL's JNI glue is built against. */
    public static final String VERSION = "2.7.1";

    /** The CUDA flavour DJL's JNI glue ships. */
    public static final String FLAVOUR = "cu128";

    private static final Pattern PY_VERSION = Pattern.compile("__version__\\s*=\\s*['\"]([^'\"]+)['\"]");

    private CudaLibtorch() {
    }

    /** The folder named by {@link #PROPERTY} or {@link #ENV} (the property wins), or null when none is named. */
    public static String configured() {
        final String property = System.getProperty(PROPERTY);
        if (StringUtils.isNotBlank(property)) {
            return property.trim();
        }
        final String env = System.getenv(ENV);
        return StringUtils.isNotBlank(env) ? env.trim() : null;
    }

    /**
     * When a folder is configured, checks it for this JVM's platform and hands it to DJL; must run before DJL's
     * PyTorch engine first starts (it loads natives once per JVM).
     *
     * @throws IllegalArgumentException naming what was expected, when the folder is not a usable CUDA libtorch
     */
    static void configure() {
        final String folder = configured();
        if (folder == null) {
            return;
        }
        final Path lib = check(Path.of(folder), System.getProperty("os.name"), System.getProperty("os.arch"));
        djlProperties(lib).forEach(System::setProperty);
    }

    /** The system properties that make DJL load libtorch from {@code lib} with the CUDA JNI glue. */
    public static Map<String, String> djlProperties(final Path lib) {
        final Map<String, String> properties = new LinkedHashMap<>();
        properties.put("PYTORCH_LIBRARY_PATH", lib.toAbsolutePath().toString());
        properties.put("PYTORCH_FLAVOR", FLAVOUR);
        properties.put("PYTORCH_VERSION", VERSION);
        return properties;
    }

    /**
     * Checks that {@code folder} holds a CUDA build of libtorch {@value #VERSION} ({@value #FLAVOUR}) for the
     * platform {@code osName}/{@code osArch} (as the JVM reports them).
     *
     * @return the folder holding the libraries
     * @throws IllegalArgumentException saying what is wrong and which files were expected where
     */
    public static Path check(final Path folder, final String osName, final String osArch) {
        final String os = StringUtils.defaultString(osName).toLowerCase(Locale.ROOT);
        final String arch = StringUtils.defaultString(osArch).toLowerCase(Locale.ROOT);
        final String prefix = "CUDA libtorch folder " + folder + ": ";
        final boolean windows = os.startsWith("windows");
        if (!(windows || os.startsWith("linux")) || !("amd64".equals(arch) || "x86_64".equals(arch))) {
            throw new IllegalArgumentException(prefix + "DJL's CUDA glue (" + FLAVOUR + ") exists only for Linux "
                + "x86_64 and Windows x86_64, not for " + osName + " " + osArch + ". Clear the setting to use the CPU.");
        }
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException(prefix + "no such folder. " + expected(windows));
        }
        final Path lib = Files.isDirectory(folder.resolve("lib")) ? folder.resolve("lib") : folder;
        final Path parent = folder.toAbsolutePath().getParent();
        final Path root = lib == folder && parent != null ? parent : folder;
        final List<String> missing = new ArrayList<>();
        for (final String name : libraries(windows)) {
            if (!Files.isRegularFile(lib.resolve(name))) {
                missing.add(name);
            }
        }
        if (!missing.isEmpty()) {
            final boolean cpuBuild = missing.stream().allMatch(n -> n.contains("cuda"));
            throw new IllegalArgumentException(prefix + (cpuBuild ? "a CPU-only libtorch (no " : "missing ")
                + String.join(", ", missing) + (cpuBuild ? ")" : "") + " in " + lib + ". " + expected(windows));
        }
        final String version = version(root);
        if (version == null) {
            throw new IllegalArgumentException(prefix + "cannot tell its version: neither " + root.resolve(
                "build-version") + " (libtorch archive) nor " + root.resolve("version.py") + " (PyTorch "
                + "installation) exists. " + expected(windows));
        }
        if (!version.equals(VERSION + "+" + FLAVOUR)) {
            throw new IllegalArgumentException(prefix + "it is libtorch " + version + ", but DJL's glue needs exactly "
                + VERSION + "+" + FLAVOUR + ". " + expected(windows));
        }
        return lib;
    }

    /** The libraries DJL loads from the folder: libtorch's CPU and CUDA parts and c10 (its core) for both. */
    static List<String> libraries(final boolean windows) {
        final List<String> base = List.of("torch", "torch_cpu", "c10", "torch_cuda", "c10_cuda");
        return base.stream().map(n -> windows ? n + ".dll" : "lib" + n + ".so").toList();
    }

    private static String expected(final boolean windows) {
        return "Expected an unpacked libtorch " + VERSION + "+" + FLAVOUR + " (a folder holding build-version and lib/"
            + " with " + String.join(", ", libraries(windows)) + ") or the torch folder of a PyTorch " + VERSION + "+"
            + FLAVOUR + " installation (holding version.py and lib/), or its lib folder.";
    }

    /** "2.7.1+cu128" from a libtorch archive's build-version or a PyTorch package's version.py; null if neither. */
    static String version(final Path root) {
        try {
            final Path buildVersion = root.resolve("build-version");
            if (Files.isRegularFile(buildVersion)) {
                return Files.readString(buildVersion, StandardCharsets.UTF_8).trim();
            }
            final Path versionPy = root.resolve("version.py");
            if (Files.isRegularFile(versionPy)) {
                final Matcher m = PY_VERSION.matcher(Files.readString(versionPy, StandardCharsets.UTF_8));
                return m.find() ? m.group(1) : null;
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("CUDA libtorch folder " + root + ": cannot read its version file: "
                + e.getMessage(), e);
        }
        return null;
    }
}
