package org.bertlab.updatesite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.eclipse.osgi.util.ManifestElement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Constants;
import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.Version;
import org.osgi.framework.VersionRange;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Reads the published p2 repository the way p2 does (content and artifact metadata, plain or jar-compressed) and
 * checks that it holds what a KNIME user needs: every bundle and feature under its id and version, the category, and
 * for every Require-Bundle, Import-Package and Fragment-Host of our bundles a provider, either in the repository or
 * among the bundles of the KNIME installation given as knime.home (or the JDK for java.* and system packages).
 */
class UpdateSiteIT {

    /** 0.1.0.qualifier in the sources, with the build's qualifier (set by the pom). */
    private static final String VERSION = System.getProperty("bertlab.version");

    /** The PyTorch natives fragments: where each may install, DJL's classifier, and its libtorch CPU library. */
    private record Natives(String bundle, String os, String arch, String classifier, String torchCpu) {
    }

    private static final List<Natives> NATIVES = List.of(
        new Natives("org.bertlab.core.natives.win.x86_64", "win32", "x86_64", "win-x86_64", "torch_cpu.dll"),
        new Natives("org.bertlab.core.natives.macosx.aarch64", "macosx", "aarch64", "osx-aarch64",
            "libtorch_cpu.dylib"),
        new Natives("org.bertlab.core.natives.linux.x86_64", "linux", "x86_64", "linux-x86_64", "libtorch_cpu.so"),
        new Natives("org.bertlab.core.natives.linux.aarch64", "linux", "aarch64", "linux-aarch64", "libtorch_cpu.so"));

    private static final List<String> BUNDLES = Stream.concat(
        Stream.of("org.bertlab.core", "org.bertlab.core.onnxruntime", "org.bertlab.model.bge", "org.bertlab.knime"),
        NATIVES.stream().map(Natives::bundle)).toList();

    private static final List<String> FEATURES = List.of("org.bertlab.feature", "org.bertlab.model.feature");

    private static Path repository;

    private static Map<String, Element> units;

    private static Document artifacts;

    @BeforeAll
    static void readRepository() throws Exception {
        repository = Path.of(System.getProperty("bertlab.site.repository", "target/repository"));
        final Document content = metadata("content");
        artifacts = metadata("artifacts");
        units = new HashMap<>();
        final NodeList list = content.getElementsByTagName("unit");
        for (int i = 0; i < list.getLength(); i++) {
            final Element unit = (Element)list.item(i);
            units.put(unit.getAttribute("id") + "/" + unit.getAttribute("version"), unit);
        }
    }

    @Test
    void theQualifierIsReplacedByTheBuildTime() {
        assertNotNull(VERSION, "bertlab.version not set");
        assertTrue(VERSION.matches("0\\.1\\.0\\.\\d{12}"), "0.1.0.<yyyyMMddHHmm> expected, not " + VERSION);
    }

    @Test
    void everyBundleAndFeatureIsThereWithItsVersion() throws Exception {
        for (final String bundle : BUNDLES) {
            assertNotNull(units.get(bundle + "/" + VERSION), "installable unit " + bundle + " " + VERSION);
            assertTrue(hasArtifact("osgi.bundle", bundle), "bundle artifact " + bundle + " " + VERSION);
            final Path jar = repository.resolve("plugins").resolve(bundle + "_" + VERSION + ".jar");
            assertTrue(Files.isRegularFile(jar), "missing " + jar);
            final Manifest manifest = manifest(jar);
            assertEquals(bundle, symbolicName(manifest), "Bundle-SymbolicName of " + jar.getFileName());
            assertEquals(VERSION, manifest.getMainAttributes().getValue(Constants.BUNDLE_VERSION),
                "Bundle-Version of " + bundle);
        }
        for (final String feature : FEATURES) {
            assertNotNull(units.get(feature + ".feature.group/" + VERSION), "feature " + feature + " " + VERSION);
            assertNotNull(units.get(feature + ".feature.jar/" + VERSION), "feature jar unit " + feature);
            assertTrue(hasArtifact("org.eclipse.update.feature", feature), "feature artifact " + feature);
            assertTrue(Files.isRegularFile(repository.resolve("features").resolve(feature + "_" + VERSION + ".jar")),
                "feature jar of " + feature);
        }
    }

    @Test
    void featuresIncludeTheBundlesTheyName() {
        final Element main = units.get("org.bertlab.feature.feature.group/" + VERSION);
        final Map<String, Element> required = requirements(main);
        for (final String bundle : BUNDLES.stream().filter(b -> !b.equals("org.bertlab.model.bge")).toList()) {
            assertNotNull(required.get(bundle), "org.bertlab.feature must include " + bundle);
            assertTrue(required.get(bundle).getAttribute("range").contains(VERSION), bundle + " version in feature");
        }
        for (final Natives natives : NATIVES) {
            final NodeList filters = required.get(natives.bundle()).getElementsByTagName("filter");
            assertEquals(1, filters.getLength(), natives.bundle() + " is installed only on its platform");
            final String filter = filters.item(0).getTextContent();
            assertTrue(filter.contains("osgi.os=" + natives.os()) && filter.contains("osgi.arch=" + natives.arch()),
                natives.bundle() + " only on " + natives.os() + "/" + natives.arch() + ": " + filter);
        }
        assertEquals(0, required.get("org.bertlab.core.onnxruntime").getElementsByTagName("filter").getLength(),
            "ONNX Runtime carries natives for every platform it supports and has no filter");
        final Element model = required.get("org.bertlab.model.feature.feature.group");
        assertNotNull(model, "default model feature included");
        assertEquals("true", model.getAttribute("optional"), "default model feature is optional");
        assertNotNull(requirements(units.get("org.bertlab.model.feature.feature.group/" + VERSION))
            .get("org.bertlab.model.bge"), "model feature carries the model fragment");
    }

    @Test
    void eachNativesFragmentResolvesOnlyOnItsPlatformAndHoldsItsLibraries() throws Exception {
        for (final Natives natives : NATIVES) {
            final Path jar = repository.resolve("plugins").resolve(natives.bundle() + "_" + VERSION + ".jar");
            final Manifest manifest = manifest(jar);
            final Filter filter = FrameworkUtil.createFilter(manifest.getMainAttributes().getValue(
                "Eclipse-PlatformFilter"));
            for (final Natives platform : NATIVES) {
                assertEquals(platform == natives, filter.matches(Map.of("osgi.os", platform.os(), "osgi.arch",
                    platform.arch())), natives.bundle() + " Eclipse-PlatformFilter " + filter + " on " + platform.os()
                        + "/" + platform.arch());
            }
            assertEquals("org.bertlab.core", header(manifest, Constants.FRAGMENT_HOST)[0].getValue());
            assertEquals("lib/pytorch-native-cpu.jar", manifest.getMainAttributes().getValue(
                Constants.BUNDLE_CLASSPATH), natives.bundle() + " Bundle-ClassPath");
            // What DJL reads through the host's class loader: the descriptor, and the libraries it names.
            final Map<String, Long> entries = new HashMap<>();
            final Properties descriptor = new Properties();
            try (ZipFile zip = new ZipFile(jar.toFile());
                ZipInputStream nested = new ZipInputStream(zip.getInputStream(zip.getEntry(
                    "lib/pytorch-native-cpu.jar")))) {
                for (ZipEntry entry = nested.getNextEntry(); entry != null; entry = nested.getNextEntry()) {
                    if (entry.getName().equals("native/lib/pytorch.properties")) {
                        descriptor.load(nested);
                    } else {
                        entries.put(entry.getName(), nested.transferTo(OutputStream.nullOutputStream()));
                    }
                }
            }
            assertEquals(natives.classifier(), descriptor.getProperty("classifier"), natives.bundle() + " descriptor");
            assertEquals("cpu", descriptor.getProperty("flavor"), natives.bundle() + " flavour");
            final List<String> libraries = List.of(descriptor.getProperty("libraries", "").split(","));
            assertTrue(libraries.contains(natives.torchCpu()), natives.bundle() + " names " + natives.torchCpu());
            for (final String library : libraries) {
                final Long size = entries.get("pytorch/cpu/" + natives.classifier() + "/" + library);
                assertTrue(size != null && size > 0, natives.bundle() + " holds " + library);
            }
        }
    }

    @Test
    void categoryListsBothFeatures() {
        final Element category = units.values().stream()
            .filter(u -> "true".equals(property(u, "org.eclipse.equinox.p2.type.category")))
            .filter(u -> "BERT Transfer Lab".equals(property(u, "org.eclipse.equinox.p2.name"))).findFirst()
            .orElseThrow(() -> new AssertionError("no category \"BERT Transfer Lab\""));
        // p2's category.xml publisher would put the build machine's path of category.xml into this id.
        assertEquals("org.bertlab.category", category.getAttribute("id"), "category id");
        assertEquals(VERSION, category.getAttribute("version"), "category version");
        final Map<String, Element> required = requirements(category);
        for (final String feature : FEATURES) {
            assertNotNull(required.get(feature + ".feature.group"), "category lists " + feature);
        }
    }

    @Test
    void everyRequirementOfOurBundlesIsSatisfied() throws Exception {
        final Providers providers = new Providers();
        try (Stream<Path> jars = Files.list(repository.resolve("plugins"))) {
            for (final Path jar : jars.toList()) {
                providers.add(manifest(jar), "update site");
            }
        }
        final String knimeHome = System.getProperty("knime.home");
        assertTrue(knimeHome != null && Files.isDirectory(Path.of(knimeHome, "plugins")),
            "knime.home must name a KNIME installation with a plugins folder: " + knimeHome);
        try (Stream<Path> entries = Files.list(Path.of(knimeHome, "plugins"))) {
            for (final Path entry : entries.toList()) {
                final Manifest manifest = Files.isDirectory(entry) ? folderManifest(entry)
                    : entry.toString().endsWith(".jar") ? manifest(entry) : null;
                if (manifest != null) {
                    providers.add(manifest, "KNIME");
                }
            }
        }
        final List<String> missing = new ArrayList<>();
        for (final String bundle : BUNDLES) {
            final Manifest manifest = manifest(repository.resolve("plugins").resolve(bundle + "_" + VERSION + ".jar"));
            for (final ManifestElement required : header(manifest, Constants.REQUIRE_BUNDLE)) {
                if (!optional(required) && !providers.hasBundle(required.getValue(),
                    required.getAttribute(Constants.BUNDLE_VERSION_ATTRIBUTE))) {
                    missing.add(bundle + " Require-Bundle " + required.getValue() + " " + range(required,
                        Constants.BUNDLE_VERSION_ATTRIBUTE));
                }
            }
            for (final ManifestElement host : header(manifest, Constants.FRAGMENT_HOST)) {
                if (!providers.hasBundle(host.getValue(), host.getAttribute(Constants.BUNDLE_VERSION_ATTRIBUTE))) {
                    missing.add(bundle + " Fragment-Host " + host.getValue());
                }
            }
            for (final ManifestElement imported : header(manifest, Constants.IMPORT_PACKAGE)) {
                for (final String name : imported.getValueComponents()) {
                    if (!optional(imported) && !providers.hasPackage(name,
                        imported.getAttribute(Constants.VERSION_ATTRIBUTE))) {
                        missing.add(bundle + " Import-Package " + name + " " + range(imported,
                            Constants.VERSION_ATTRIBUTE));
                    }
                }
            }
        }
        assertTrue(missing.isEmpty(), "unsatisfied in update site + " + knimeHome + "/plugins + JDK:\n"
            + String.join("\n", missing));
    }

    /** Bundles and exported packages of the repository, the KNIME installation and the JDK. */
    private static final class Providers {

        private final Map<String, List<Version>> bundles = new HashMap<>();

        private final Map<String, List<Version>> packages = new HashMap<>();

        private final Set<String> jdkPackages = new HashSet<>();

        Providers() {
            ModuleLayer.boot().modules().forEach(m -> m.getDescriptor().exports().stream()
                .filter(e -> !e.isQualified()).forEach(e -> jdkPackages.add(e.source())));
        }

        void add(final Manifest manifest, final String where) throws Exception {
            final String name = symbolicName(manifest);
            if (name == null) {
                return;
            }
            final String version = manifest.getMainAttributes().getValue(Constants.BUNDLE_VERSION);
            bundles.computeIfAbsent(name, k -> new ArrayList<>()).add(Version.parseVersion(version));
            for (final ManifestElement exported : header(manifest, Constants.EXPORT_PACKAGE)) {
                final String v = exported.getAttribute(Constants.VERSION_ATTRIBUTE);
                for (final String pkg : exported.getValueComponents()) {
                    packages.computeIfAbsent(pkg, k -> new ArrayList<>()).add(Version.parseVersion(v));
                }
            }
        }

        boolean hasBundle(final String name, final String range) {
            if (Constants.SYSTEM_BUNDLE_SYMBOLICNAME.equals(name)) {
                return bundles.containsKey("org.eclipse.osgi");
            }
            return matches(bundles.get(name), range);
        }

        boolean hasPackage(final String name, final String range) {
            return name.startsWith("java.") || jdkPackages.contains(name) || matches(packages.get(name), range);
        }

        private static boolean matches(final List<Version> versions, final String range) {
            if (versions == null) {
                return false;
            }
            final VersionRange wanted = range == null ? null : VersionRange.valueOf(range);
            return versions.stream().anyMatch(v -> wanted == null || wanted.includes(v));
        }
    }

    private static boolean optional(final ManifestElement element) {
        return Constants.RESOLUTION_OPTIONAL.equals(element.getDirective(Constants.RESOLUTION_DIRECTIVE));
    }

    private static String range(final ManifestElement element, final String attribute) {
        final String value = element.getAttribute(attribute);
        return value == null ? "(any version)" : value;
    }

    private static ManifestElement[] header(final Manifest manifest, final String name) throws Exception {
        final ManifestElement[] elements = ManifestElement.parseHeader(name, manifest.getMainAttributes()
            .getValue(name));
        return elements == null ? new ManifestElement[0] : elements;
    }

    private static String symbolicName(final Manifest manifest) throws Exception {
        final ManifestElement[] elements = header(manifest, Constants.BUNDLE_SYMBOLICNAME);
        return elements.length == 0 ? null : elements[0].getValue();
    }

    private static Manifest manifest(final Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile(), false)) {
            final Manifest manifest = file.getManifest();
            return manifest == null ? new Manifest() : manifest;
        }
    }

    private static Manifest folderManifest(final Path folder) throws IOException {
        final Path file = folder.resolve("META-INF/MANIFEST.MF");
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try (InputStream in = Files.newInputStream(file)) {
            return new Manifest(in);
        }
    }

    private boolean hasArtifact(final String classifier, final String id) {
        final NodeList list = artifacts.getElementsByTagName("artifact");
        for (int i = 0; i < list.getLength(); i++) {
            final Element artifact = (Element)list.item(i);
            if (classifier.equals(artifact.getAttribute("classifier")) && id.equals(artifact.getAttribute("id"))
                && VERSION.equals(artifact.getAttribute("version"))) {
                return true;
            }
        }
        return false;
    }

    /** The p2 requirements of a unit by the name they require. */
    private static Map<String, Element> requirements(final Element unit) {
        assertNotNull(unit, "unit missing");
        final Map<String, Element> out = new HashMap<>();
        final NodeList list = unit.getElementsByTagName("required");
        for (int i = 0; i < list.getLength(); i++) {
            final Element required = (Element)list.item(i);
            out.put(required.getAttribute("name"), required);
        }
        return out;
    }

    private static String property(final Element unit, final String name) {
        final NodeList list = unit.getElementsByTagName("property");
        for (int i = 0; i < list.getLength(); i++) {
            final Element property = (Element)list.item(i);
            if (name.equals(property.getAttribute("name"))) {
                return property.getAttribute("value");
            }
        }
        return null;
    }

    /** content.xml / artifacts.xml, or their .jar form. */
    private static Document metadata(final String name) throws Exception {
        final DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        final Path xml = repository.resolve(name + ".xml");
        if (Files.isRegularFile(xml)) {
            try (InputStream in = Files.newInputStream(xml)) {
                return factory.newDocumentBuilder().parse(in);
            }
        }
        final Path jar = repository.resolve(name + ".jar");
        assertTrue(Files.isRegularFile(jar), "no " + name + ".xml or " + name + ".jar in " + repository);
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            final ZipEntry entry = zip.getEntry(name + ".xml");
            assertNotNull(entry, name + ".jar holds no " + name + ".xml");
            try (InputStream in = zip.getInputStream(entry)) {
                return factory.newDocumentBuilder().parse(in);
            }
        }
    }
}
