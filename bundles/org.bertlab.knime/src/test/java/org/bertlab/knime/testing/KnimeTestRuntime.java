package org.bertlab.knime.testing;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import javax.swing.SwingUtilities;

import org.eclipse.core.internal.content.ContentTypeManager;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.RegistryFactory;
import org.eclipse.core.runtime.content.IContentTypeManager;
import org.knime.core.node.util.ViewUtils;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.connect.ConnectContent;
import org.osgi.framework.connect.ConnectFrameworkFactory;
import org.osgi.framework.connect.ConnectModule;
import org.osgi.framework.connect.FrameworkUtilHelper;
import org.osgi.framework.connect.ModuleConnector;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * Starts just enough of KNIME inside a plain test JVM. KNIME core expects an OSGi runtime: Platform's install
 * location, the extension registry (port types, node factories) and FrameworkUtil look-ups. Everything is already
 * on the test class path, so Equinox runs in OSGi Connect mode: each bundle of {@code knime.home/plugins}, and our
 * node bundle's {@code target/classes}, is installed as a connect bundle whose classes come from the application
 * class loader; wiring headers are dropped because nothing needs resolving. Then the activators of the Eclipse
 * runtime and KNIME core run, in dependency order (lazy activation never fires for connect bundles).
 */
public final class KnimeTestRuntime {

    /** Bundles whose activators KNIME core needs, in start order. */
    private static final List<String> START = List.of("org.eclipse.equinox.common", "org.eclipse.equinox.registry",
        "org.eclipse.equinox.preferences", "org.eclipse.core.jobs", "org.eclipse.core.contenttype",
        "org.eclipse.equinox.app", "org.eclipse.core.runtime", "org.knime.core.workbench", "org.knime.core",
        "org.bertlab.knime");

    /** Headers that would make Equinox resolve against real bundles; the class path already has everything. */
    private static final List<String> WIRING = List.of("Require-Bundle", "Import-Package", "DynamicImport-Package",
        "Require-Capability", "Provide-Capability", "Fragment-Host", "Bundle-RequiredExecutionEnvironment",
        "Export-Package", "Service-Component", "Bundle-ActivationPolicy");

    /** location (a plugins entry or our classes folder) to bundle, for {@link ClassPathBundles}. */
    private static final Map<String, Bundle> BUNDLES = new LinkedHashMap<>();

    private static final long STOP_WAIT_MILLIS = 10_000;

    private static Framework framework;

    private static boolean workspaceStarted;

    private KnimeTestRuntime() {
    }

    /** Starts the runtime once per JVM. */
    public static synchronized void start() throws Exception {
        if (framework != null) {
            return;
        }
        final Path home = Path.of(System.getProperty("knime.home")).toAbsolutePath();
        final Path ourBundle = Path.of(System.getProperty("bertlab.knime.bundle")).toAbsolutePath();
        final Path area = Files.createTempDirectory("bertlab-knime-test");
        // The framework lives as long as the JVM (KNIME core cannot be restarted in one), so its storage, instance
        // and user areas (and KNIME's temp files inside them) go when the JVM ends.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stopAndDelete(area), "bertlab-knime-test-cleanup"));
        final Map<String, String> config = new HashMap<>();
        config.put("org.osgi.framework.storage", area.resolve("storage").toString());
        config.put("org.osgi.framework.storage.clean", "onFirstInit");
        config.put("osgi.install.area", home.toUri().toString());
        config.put("osgi.instance.area", area.resolve("workspace").toUri().toString());
        config.put("osgi.user.area", area.resolve("user").toUri().toString());
        config.put("osgi.framework.useSystemProperties", "true");
        config.put("eclipse.ignoreApp", "true");
        final ConnectFrameworkFactory factory =
            ServiceLoader.load(ConnectFrameworkFactory.class).findFirst().orElseThrow(() -> new IllegalStateException(
                "No OSGi Connect framework on the class path: is org.eclipse.osgi in " + home + "/plugins?"));
        framework = factory.newFramework(config, new Connector());
        framework.init();
        final BundleContext context = framework.getBundleContext();
        final List<Path> locations = new ArrayList<>();
        try (Stream<Path> list = Files.list(home.resolve("plugins"))) {
            list.filter(p -> Files.isDirectory(p) || p.toString().endsWith(".jar"))
                // the framework itself is the system bundle
                .filter(p -> !p.getFileName().toString().startsWith("org.eclipse.osgi_")).sorted().forEach(locations::add);
        }
        locations.add(ourBundle);
        // test-only bundle: the workbench's node extension points (see its plugin.xml) and the test table node
        final Path testClasses = Path.of(KnimeTestRuntime.class.getProtectionDomain().getCodeSource().getLocation()
            .toURI()).toAbsolutePath();
        final Path testBundle = testClasses.resolve("workbench-bundle");
        locations.add(testBundle);
        for (final Path location : locations) {
            synchronized (BUNDLES) {
                BUNDLES.put(location.toString(), context.installBundle(location.toString()));
            }
        }
        synchronized (BUNDLES) {
            // classes of the test sources (the test table node) belong to the test bundle
            BUNDLES.put(testClasses.toString(), BUNDLES.get(testBundle.toString()));
        }
        framework.start();
        // Platform.getBundle answers only resolved bundles
        framework.adapt(FrameworkWiring.class).resolveBundles(null);
        for (final String name : START) {
            for (final Bundle b : context.getBundles()) {
                if (name.equals(b.getSymbolicName())) {
                    b.start(Bundle.START_TRANSIENT);
                }
            }
        }
        // KNIME sets Swing's look and feel on the event thread when the first dialog class loads (ViewUtils); a
        // dialog built on the test thread meanwhile finds no font ("JLabel.getFont() is null" in NodeDialogPane).
        // Set it now and wait until it is done.
        ViewUtils.setLookAndFeel();
        SwingUtilities.invokeAndWait(() -> { });
    }

    /**
     * Also starts {@code org.eclipse.core.resources}: KNIME 5.5's {@code BatchExecutor} asks
     * {@code ResourcesPlugin.getWorkspace()} for its cancel-file folder (5.9's does not). The workspace needs the
     * content type manager, a Declarative Services component in a KNIME AP; this runtime runs no DS, so it is
     * registered here by hand, wired to the extension registry as DS would wire it.
     */
    public static synchronized void startWorkspace() throws Exception {
        start();
        if (workspaceStarted) {
            return;
        }
        final BundleContext context = framework.getBundleContext();
        final ContentTypeManager contentTypes = new ContentTypeManager();
        contentTypes.addRegistryChangeListener(RegistryFactory.getRegistry());
        context.registerService(IContentTypeManager.class, contentTypes, null);
        boolean found = false;
        for (final Bundle b : context.getBundles()) {
            if ("org.eclipse.core.resources".equals(b.getSymbolicName())) {
                b.start(Bundle.START_TRANSIENT);
                found = true;
            }
        }
        if (!found) {
            throw new IllegalStateException("org.eclipse.core.resources is not in " + System.getProperty("knime.home")
                + "/plugins (every KNIME AP has it)");
        }
        // fails here, not inside BatchExecutor, if the workspace cannot open
        ResourcesPlugin.getWorkspace().getRoot().getLocation();
        workspaceStarted = true;
    }

    /** Stops the framework (briefly: KNIME leaves threads running) and deletes its folder. */
    private static void stopAndDelete(final Path area) {
        try {
            if (framework != null) {
                framework.stop();
                framework.waitForStop(STOP_WAIT_MILLIS);
            }
        } catch (Exception | LinkageError e) {
            // the JVM is ending anyway; the folder is deleted all the same
        }
        deleteTree(area);
    }

    /** Deletes a folder and everything in it, deepest first; what cannot be deleted stays (nothing to report to). */
    private static void deleteTree(final Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a file vanished or was locked while walking: leave the rest
        }
    }

    /** Connects a location (jar or folder) to its content. */
    private static final class Connector implements ModuleConnector {
        @Override
        public void initialize(final File storage, final Map<String, String> configuration) {
            // nothing to prepare
        }

        @Override
        public Optional<BundleActivator> newBundleActivator() {
            return Optional.empty();
        }

        @Override
        public Optional<ConnectModule> connect(final String location) {
            final Path path = Path.of(location);
            if (!Files.exists(path)) {
                return Optional.empty();
            }
            return Optional.of(() -> Files.isDirectory(path) ? new FolderContent(path) : new JarContent(path));
        }
    }

    static Map<String, String> headers(final Manifest manifest, final String fileName) {
        final Map<String, String> headers = new LinkedHashMap<>();
        if (manifest != null) {
            manifest.getMainAttributes().forEach((k, v) -> headers.put(k.toString(), v.toString()));
        }
        WIRING.forEach(headers::remove);
        if (!headers.containsKey("Bundle-SymbolicName")) {
            // a plain jar named <name>_<version>.jar
            final String name = fileName.replaceAll("\\.jar$", "");
            final int cut = name.lastIndexOf('_');
            headers.put("Bundle-SymbolicName", cut > 0 ? name.substring(0, cut) : name);
            headers.put("Bundle-Version", cut > 0 && name.substring(cut + 1).matches("\\d.*") ? name.substring(cut + 1)
                : "0.0.0");
        }
        headers.put("Bundle-ManifestVersion", "2");
        return headers;
    }

    private static final class JarContent implements ConnectContent {
        private final Path m_file;

        private ZipFile m_zip;

        JarContent(final Path file) {
            m_file = file;
        }

        @Override
        public Optional<Map<String, String>> getHeaders() {
            try (java.util.jar.JarFile jar = new java.util.jar.JarFile(m_file.toFile())) {
                return Optional.of(headers(jar.getManifest(), m_file.getFileName().toString()));
            } catch (IOException e) {
                throw new IllegalStateException(m_file + ": " + e.getMessage(), e);
            }
        }

        @Override
        public Iterable<String> getEntries() {
            return m_zip.stream().map(ZipEntry::getName).toList();
        }

        @Override
        public Optional<ConnectEntry> getEntry(final String name) {
            final ZipEntry e = m_zip.getEntry(name);
            return e == null ? Optional.empty() : Optional.of(new ConnectEntry() {
                @Override
                public String getName() {
                    return e.getName();
                }

                @Override
                public long getContentLength() {
                    return e.getSize();
                }

                @Override
                public long getLastModified() {
                    return e.getTime();
                }

                @Override
                public InputStream getInputStream() throws IOException {
                    return m_zip.getInputStream(e);
                }
            });
        }

        @Override
        public Optional<ClassLoader> getClassLoader() {
            return Optional.of(KnimeTestRuntime.class.getClassLoader());
        }

        @Override
        public void open() throws IOException {
            if (m_zip == null) {
                m_zip = new ZipFile(m_file.toFile());
            }
        }

        @Override
        public void close() throws IOException {
            if (m_zip != null) {
                m_zip.close();
                m_zip = null;
            }
        }
    }

    private static final class FolderContent implements ConnectContent {
        private final Path m_folder;

        FolderContent(final Path folder) {
            m_folder = folder;
        }

        @Override
        public Optional<Map<String, String>> getHeaders() {
            final Path mf = m_folder.resolve("META-INF/MANIFEST.MF");
            if (!Files.isRegularFile(mf)) {
                return Optional.of(headers(null, m_folder.getFileName().toString()));
            }
            try (InputStream in = Files.newInputStream(mf)) {
                return Optional.of(headers(new Manifest(in), m_folder.getFileName().toString()));
            } catch (IOException e) {
                throw new IllegalStateException(mf + ": " + e.getMessage(), e);
            }
        }

        @Override
        public Iterable<String> getEntries() throws IOException {
            try (Stream<Path> walk = Files.walk(m_folder)) {
                return walk.filter(p -> !p.equals(m_folder)).map(p -> m_folder.relativize(p).toString()
                    .replace(File.separatorChar, '/') + (Files.isDirectory(p) ? "/" : "")).toList();
            }
        }

        @Override
        public Optional<ConnectEntry> getEntry(final String name) {
            final Path file = m_folder.resolve(name);
            return !Files.exists(file) ? Optional.empty() : Optional.of(new ConnectEntry() {
                @Override
                public String getName() {
                    return name;
                }

                @Override
                public long getContentLength() {
                    try {
                        return Files.isDirectory(file) ? 0 : Files.size(file);
                    } catch (IOException e) {
                        return -1;
                    }
                }

                @Override
                public long getLastModified() {
                    return file.toFile().lastModified();
                }

                @Override
                public InputStream getInputStream() throws IOException {
                    return Files.newInputStream(file);
                }
            });
        }

        @Override
        public Optional<ClassLoader> getClassLoader() {
            return Optional.of(KnimeTestRuntime.class.getClassLoader());
        }

        @Override
        public void open() {
            // files are read on demand
        }

        @Override
        public void close() {
            // nothing held
        }
    }

    /**
     * Answers {@code FrameworkUtil.getBundle(Class)} for class-path classes: the bundle whose location holds the
     * class's jar or folder. Registered in META-INF/services.
     */
    public static final class ClassPathBundles implements FrameworkUtilHelper {
        @Override
        public Optional<Bundle> getBundle(final Class<?> type) {
            final CodeSource source = type.getProtectionDomain() == null ? null
                : type.getProtectionDomain().getCodeSource();
            if (source == null || source.getLocation() == null) {
                return Optional.empty();
            }
            final String path;
            try {
                path = Path.of(source.getLocation().toURI()).toAbsolutePath().toString();
            } catch (URISyntaxException | IllegalArgumentException e) {
                return Optional.empty();
            }
            if (framework != null && Path.of(path).getFileName().toString().startsWith("org.eclipse.osgi_")) {
                // the framework jar is the system bundle (Equinox's runtime activator casts it to its own type)
                return Optional.of(framework.getBundleContext().getBundle(0));
            }
            synchronized (BUNDLES) {
                for (final Map.Entry<String, Bundle> e : BUNDLES.entrySet()) {
                    if (path.equals(e.getKey()) || path.startsWith(e.getKey() + File.separator)) {
                        return Optional.of(e.getValue());
                    }
                }
            }
            return Optional.empty();
        }
    }
}
