package org.bertlab.core.osgi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleReference;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * The engine bundle inside a real OSGi framework (Equinox from Maven Central), as KNIME runs it: the packaged engine
 * jar with DJL on its Bundle-ClassPath, the PyTorch natives, ONNX Runtime and the default model as fragments. It must
 * resolve, start, load the embedded model through the host's class loader, and embed texts as the engine does on a
 * plain class path: on ONNX Runtime by default (to backend parity), on PyTorch when asked (to float rounding). The test code lives outside OSGi, so it reaches the engine with loadClass and reflection; DJL is
 * only ever loaded by the bundle's class loader in this JVM.
 */
class EquinoxEmbeddingIT {

    /** English and Chinese, since the default model covers both. */
    static final List<String> TEXTS = List.of("The cat sits on the mat.", "猫坐在垫子上。",
        "BERT transfers what it learned across languages.", "今天天气很好", "a");

    /** The same PyTorch computation in both places. */
    private static final double SAME_BACKEND = 1e-5;

    /** ONNX Runtime's fused kernels against the PyTorch encoder, as in the engine's InferenceParityTest. */
    private static final double OTHER_BACKEND = 1e-4;

    private static final Path WORK = Path.of(System.getProperty("bertlab.work.dir", "target"));

    private static Framework framework;

    @BeforeAll
    static void startFramework() throws Exception {
        final Map<String, String> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, WORK.resolve("equinox").toAbsolutePath().toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        // Equinox's default, stated: bundles see the JDK, never this test's class path (which also holds DJL).
        config.put(Constants.FRAMEWORK_BUNDLE_PARENT, Constants.FRAMEWORK_BUNDLE_PARENT_BOOT);
        framework = ServiceLoader.load(FrameworkFactory.class).iterator().next().newFramework(config);
        framework.start();
    }

    @AfterAll
    static void stopFramework() throws Exception {
        if (framework != null) {
            framework.stop();
            framework.waitForStop(30_000);
        }
    }

    @Test
    void engineBundleEmbedsLikeThePlainClassPath() throws Exception {
        final List<String> expected = referenceLines();

        final BundleContext context = framework.getBundleContext();
        final Bundle core = context.installBundle(bundleUri("bertlab.bundle.core"));
        final Bundle natives = context.installBundle(bundleUri("bertlab.bundle.natives"));
        final Bundle model = context.installBundle(bundleUri("bertlab.bundle.model"));
        final Bundle ort = context.installBundle(bundleUri("bertlab.bundle.onnxruntime"));
        assertTrue(framework.adapt(FrameworkWiring.class).resolveBundles(List.of(core, natives, model, ort)),
            "bundles did not resolve: core " + state(core) + ", natives " + state(natives) + ", model " + state(model)
                + ", onnxruntime " + state(ort));
        core.start();
        assertEquals(Bundle.ACTIVE, core.getState(), "engine bundle state");
        assertEquals("org.bertlab.core", core.getSymbolicName());
        // Fragments are never started; resolved and attached to the engine is what makes them visible.
        for (final Bundle fragment : List.of(natives, model, ort)) {
            assertEquals(Bundle.RESOLVED, fragment.getState(), fragment.getSymbolicName());
            assertEquals(core, fragment.adapt(BundleWiring.class).getRequiredWires("osgi.wiring.host").get(0)
                .getProvider().getBundle(), fragment.getSymbolicName() + " host");
        }
        // The natives of the other platforms, as a feature carrying all of them would bring: their
        // Eclipse-PlatformFilter keeps them unresolved here, so DJL sees exactly one natives descriptor.
        for (final String jar : System.getProperty("bertlab.bundle.natives.others", "").split(",")) {
            final Bundle other = context.installBundle(new File(jar).toURI().toString());
            assertFalse(framework.adapt(FrameworkWiring.class).resolveBundles(List.of(other)),
                other.getSymbolicName() + " must not resolve on " + System.getProperty("os.name") + "/"
                    + System.getProperty("os.arch"));
            assertEquals(Bundle.INSTALLED, other.getState(), other.getSymbolicName());
        }
        assertEquals(1, Collections.list(core.getResources("native/lib/pytorch.properties")).size(),
            "natives descriptors visible to DJL through the engine bundle");

        // A KNIME worker thread's context loader cannot see DJL; the engine must set its own for every DJL call.
        final Thread thread = Thread.currentThread();
        final ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(new URLClassLoader(new URL[0], null));
        try {
            final Class<?> runtime = core.loadClass("org.bertlab.core.runtime.DjlRuntime");
            assertTrue(runtime.getClassLoader() instanceof BundleReference, "engine loaded outside OSGi");
            assertEquals(core, ((BundleReference)core.loadClass("ai.djl.engine.Engine").getClassLoader()).getBundle(),
                "DJL must come from the engine bundle");
            final String flavour = (String)runtime.getMethod("nativeFlavour").invoke(null);
            assertTrue(flavour.startsWith("PyTorch 2.7.1 (cpu"), flavour);
            assertEquals(expected.get(0), flavour, "same native flavour as on the class path");

            final List<String> reference = expected.subList(1, expected.size());
            assertVectorsClose(reference, embedInsideOsgi(core, "ONNX Runtime"), OTHER_BACKEND);
            System.setProperty("bertlab.inference", "pytorch");
            assertVectorsClose(reference, embedInsideOsgi(core, "PyTorch"), SAME_BACKEND);
        } finally {
            System.clearProperty("bertlab.inference");
            thread.setContextClassLoader(previous);
        }
    }

    /**
     * Loads the embedded model and embeds {@link #TEXTS} by reflection on the bundle's classes, checking that the
     * model runs on the backend expected.
     */
    private static List<String> embedInsideOsgi(final Bundle core, final String backend) throws Exception {
        final Class<?> embeddedModel = core.loadClass("org.bertlab.core.model.EmbeddedModel");
        final Class<?> loadOptions = core.loadClass("org.bertlab.core.model.LoadOptions");
        final Class<?> bertModel = core.loadClass("org.bertlab.core.model.BertModel");
        final Class<?> embeddingOptions = core.loadClass("org.bertlab.core.embed.EmbeddingOptions");
        final Class<?> tokenEmbedder = core.loadClass("org.bertlab.core.embed.TokenEmbedder");
        final Class<?> pooledVectors = core.loadClass("org.bertlab.core.embed.PooledVectors");

        assertEquals(Boolean.TRUE, embeddedModel.getMethod("isAvailable").invoke(null),
            "model fragment's files not visible through the engine's class loader");
        final Object options = loadOptions.getField("DEFAULT").get(null);
        try (AutoCloseable model = (AutoCloseable)embeddedModel.getMethod("load", loadOptions).invoke(null, options)) {
            assertEquals(backend, bertModel.getMethod("inferenceName").invoke(model), "inference backend inside OSGi");
            final Object builder = embeddingOptions.getMethod("builder").invoke(null);
            final Object embedding = builder.getClass().getMethod("build").invoke(builder);
            final Object embedder = tokenEmbedder.getConstructor(bertModel, embeddingOptions).newInstance(model,
                embedding);
            final List<?> pooled = (List<?>)tokenEmbedder.getMethod("pooled", List.class).invoke(embedder, TEXTS);
            final Method vectors = pooledVectors.getMethod("vectors");
            final List<String> lines = new ArrayList<>();
            for (final Object p : pooled) {
                lines.addAll(List.of(format((float[][])vectors.invoke(p)).split("\n")));
            }
            return lines;
        }
    }

    /** Runs {@link ClassPathReference} in a child JVM and reads what it wrote. */
    private static List<String> referenceLines() throws Exception {
        final Path out = WORK.resolve("reference-embeddings.txt");
        Files.deleteIfExists(out);
        final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        final String classpath = System.getProperty("bertlab.reference.classpath");
        assertNotNull(classpath, "bertlab.reference.classpath not set (run through Maven)");
        final Process process = new ProcessBuilder(java, "-Xmx2g", "--enable-native-access=ALL-UNNAMED",
            "-Dai.djl.offline=true", "-cp", classpath, ClassPathReference.class.getName(), out.toString())
            .redirectErrorStream(true).redirectOutput(WORK.resolve("reference-embeddings.log").toFile()).start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "reference run timed out");
        assertEquals(0, process.exitValue(), "reference run failed: " + Files.readString(WORK.resolve(
            "reference-embeddings.log")));
        return Files.readAllLines(out);
    }

    /** One line per layer, exact floats; {@link #assertVectorsClose} compares them numerically. */
    static String format(final float[][] layers) {
        final StringBuilder text = new StringBuilder();
        for (final float[] vector : layers) {
            for (int i = 0; i < vector.length; i++) {
                text.append(i == 0 ? "" : " ").append(vector[i]);
            }
            text.append('\n');
        }
        return text.toString();
    }

    /** Same number of vectors and components, each within the tolerance. */
    private static void assertVectorsClose(final List<String> expected, final List<String> actual,
        final double tolerance) {
        assertEquals(expected.size(), actual.size(), "number of vectors (texts x layers)");
        for (int line = 0; line < expected.size(); line++) {
            final String[] e = expected.get(line).split(" ");
            final String[] a = actual.get(line).split(" ");
            assertEquals(e.length, a.length, "vector size, line " + line);
            for (int i = 0; i < e.length; i++) {
                final double want = Double.parseDouble(e[i]);
                final double got = Double.parseDouble(a[i]);
                if (!(Math.abs(want - got) <= tolerance)) {
                    fail("vector " + line + " (text x layer), component " + i + ": OSGi " + got + ", class path "
                        + want);
                }
            }
        }
    }

    private static String bundleUri(final String property) {
        final File jar = new File(System.getProperty(property, ""));
        assertTrue(jar.isFile(), property + ": no bundle jar at " + jar + " (package the bundle modules first)");
        return jar.toURI().toString();
    }

    private static String state(final Bundle bundle) {
        return switch (bundle.getState()) {
            case Bundle.INSTALLED -> "INSTALLED";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.ACTIVE -> "ACTIVE";
            default -> String.valueOf(bundle.getState());
        };
    }
}
