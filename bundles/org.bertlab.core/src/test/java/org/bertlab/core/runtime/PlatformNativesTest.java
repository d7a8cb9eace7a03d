package org.bertlab.core.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import ai.djl.util.Platform;
import ai.djl.util.cuda.CudaUtils;

/**
 * The update site ships one PyTorch natives fragment per desktop platform, each holding DJL's pytorch-native-cpu jar
 * for that platform. On a user's machine only the matching fragment resolves; DJL then finds the natives with
 * {@link Platform#detectPlatform(String)}, which reads every {@code native/lib/pytorch.properties} its context class
 * loader sees and keeps the one whose OS, architecture and flavour match the JVM it runs in, and
 * {@code LibUtils} copies that descriptor's libraries from {@code pytorch/<flavour>/<classifier>/} and the JNI
 * library from {@code jnilib/<classifier>/<flavour>/} of pytorch-jni. Anything missing there makes DJL download,
 * which fails offline.
 *
 * <p>Here all four natives jars are on the class path at once, and DJL's own lookup runs as the JVM of each platform
 * reports itself ({@code os.name}, {@code os.arch}, which DJL's {@code Platform} reads): it must pick exactly that
 * platform's descriptor, with every library it names present, whatever the machine running the test.
 */
@ResourceLock(Resources.SYSTEM_PROPERTIES)
class PlatformNativesTest {

    /** A desktop platform: what its JVM reports, DJL's classifier, and the libtorch file names of its OS. */
    enum Desktop {
        WINDOWS_X86_64("Windows 11", "amd64", "win-x86_64", "torch_cpu.dll", "djl_torch.dll"),
        MACOS_AARCH64("Mac OS X", "aarch64", "osx-aarch64", "libtorch_cpu.dylib", "libdjl_torch.dylib"),
        LINUX_X86_64("Linux", "amd64", "linux-x86_64", "libtorch_cpu.so", "libdjl_torch.so"),
        LINUX_AARCH64("Linux", "aarch64", "linux-aarch64", "libtorch_cpu.so", "libdjl_torch.so");

        final String osName;

        final String osArch;

        final String classifier;

        final String torchCpu;

        final String jni;

        Desktop(final String osName, final String osArch, final String classifier, final String torchCpu,
            final String jni) {
            this.osName = osName;
            this.osArch = osArch;
            this.classifier = classifier;
            this.torchCpu = torchCpu;
            this.jni = jni;
        }
    }

    private static final String DESCRIPTOR = "native/lib/pytorch.properties";

    @BeforeAll
    static void initialiseCudaDetectionForThisMachine() {
        // CudaUtils picks its CUDA runtime by os.name once, when first used: do that before any os.name below.
        CudaUtils.getGpuCount();
    }

    @Test
    void theClassPathHoldsOneDescriptorPerShippedPlatform() throws IOException {
        final List<String> classifiers = new ArrayList<>();
        for (final URL url : Collections.list(loader().getResources(DESCRIPTOR))) {
            final Properties descriptor = read(url);
            classifiers.add(descriptor.getProperty("classifier"));
            assertEquals("cpu", descriptor.getProperty("flavor"), "flavour in " + url);
        }
        Collections.sort(classifiers);
        assertEquals(List.of("linux-aarch64", "linux-x86_64", "osx-aarch64", "win-x86_64"), classifiers);
    }

    @ParameterizedTest
    @EnumSource(Desktop.class)
    void djlFindsThisPlatformsNativesOffline(final Desktop desktop) throws IOException {
        final Platform platform = detectAs(desktop);
        assertFalse(platform.isPlaceholder(), "a placeholder makes DJL download libtorch: " + platform);
        assertEquals(desktop.classifier, platform.getClassifier(), "DJL's choice for " + desktop);
        assertEquals("cpu", platform.getFlavor());
        // The natives must be the libtorch build the PyTorch engine was made for, or DJL downloads another.
        final String engineLibtorch = engineProperties().getProperty("pytorch_version");
        assertTrue(platform.getVersion().startsWith(engineLibtorch + "-"),
            "natives " + platform.getVersion() + " for engine built on libtorch " + engineLibtorch);

        final List<String> libraries = List.of(platform.getLibraries());
        assertTrue(libraries.contains(desktop.torchCpu), desktop.torchCpu + " named in " + libraries);
        for (final String library : libraries) {
            final String path = "pytorch/" + platform.getFlavor() + "/" + platform.getClassifier() + "/" + library;
            final URL url = loader().getResource(path);
            assertNotNull(url, "DJL copies " + path + " into its cache, but no jar holds it");
            assertTrue(url.toString().contains("pytorch-native-cpu-") && url.toString().contains(desktop.classifier),
                path + " comes from " + url);
            try (InputStream in = url.openStream()) {
                assertTrue(in.read() >= 0, path + " is empty");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Desktop.class)
    void theEmbeddedJniLibraryServesThisPlatform(final Desktop desktop) throws IOException {
        final Platform platform = detectAs(desktop);
        // LibUtils takes the JNI library from pytorch-jni only if its version is libtorch's + DJL's; else downloads.
        final Properties jni = read(loader().getResource("jnilib/pytorch.properties"));
        final String libtorch = platform.getVersion().substring(0, platform.getVersion().indexOf('-'));
        assertTrue(jni.getProperty("jni_version").startsWith(libtorch + "-" + platform.getApiVersion()),
            "jni_version " + jni.getProperty("jni_version") + " for libtorch " + libtorch + " and DJL "
                + platform.getApiVersion());
        final String path = "jnilib/" + platform.getClassifier() + "/" + platform.getFlavor() + "/" + desktop.jni;
        assertNotNull(loader().getResource(path), "pytorch-jni lacks " + path);
    }

    /** DJL's platform lookup, through the context class loader as the engine runs it, in a JVM of that platform. */
    private static Platform detectAs(final Desktop desktop) {
        final String osName = System.getProperty("os.name");
        final String osArch = System.getProperty("os.arch");
        System.setProperty("os.name", desktop.osName);
        System.setProperty("os.arch", desktop.osArch);
        try {
            return DjlRuntime.call(() -> Platform.detectPlatform("pytorch"));
        } finally {
            System.setProperty("os.name", osName);
            System.setProperty("os.arch", osArch);
        }
    }

    private static Properties engineProperties() throws IOException {
        return read(loader().getResource("pytorch-engine.properties"));
    }

    private static ClassLoader loader() {
        return DjlRuntime.class.getClassLoader();
    }

    private static Properties read(final URL url) throws IOException {
        assertNotNull(url, "resource missing");
        final Properties properties = new Properties();
        try (InputStream in = url.openStream()) {
            properties.load(in);
        }
        return properties;
    }
}
