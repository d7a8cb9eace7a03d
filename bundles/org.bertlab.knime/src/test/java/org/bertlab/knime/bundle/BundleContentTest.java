package org.bertlab.knime.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

import org.bertlab.knime.port.BertModelPortObject;

/**
 * The node bundle's hand-kept MANIFEST against what the build put in the bundle (target/classes, which the jar
 * packs as is): every exported package has classes, the Bundle-ClassPath entries exist, plugin.xml and the icons
 * are there; every class plugin.xml names is in the bundle; and the test runtime installed it under its symbolic
 * name.
 */
class BundleContentTest {

    static final Path BUNDLE = Path.of(System.getProperty("bertlab.knime.bundle"));

    @Test
    void manifestMatchesBuiltBundle() throws Exception {
        final Manifest manifest;
        try (InputStream in = Files.newInputStream(BUNDLE.resolve("META-INF/MANIFEST.MF"))) {
            manifest = new Manifest(in);
        }
        final String exports = manifest.getMainAttributes().getValue("Export-Package");
        for (final String pkg : exports.split(",")) {
            final Path folder = BUNDLE.resolve(pkg.split(";")[0].trim().replace('.', '/'));
            try (Stream<Path> files = Files.list(folder)) {
                assertTrue(files.anyMatch(p -> p.toString().endsWith(".class")), "exported " + pkg + " has classes");
            }
        }
        for (final String entry : manifest.getMainAttributes().getValue("Bundle-ClassPath").split(",")) {
            assertTrue(Files.exists(BUNDLE.resolve(entry.trim())), "Bundle-ClassPath entry " + entry);
        }
        assertTrue(Files.isRegularFile(BUNDLE.resolve("plugin.xml")));
        assertTrue(Files.isRegularFile(BUNDLE.resolve("icons/category.png")));
        final String require = manifest.getMainAttributes().getValue("Require-Bundle");
        assertTrue(require.contains("org.knime.core;bundle-version=\"[5.5.0,6.0.0)\""), require);
    }

    @Test
    void runtimeKnowsTheBundle() {
        final Bundle bundle = FrameworkUtil.getBundle(BertModelPortObject.class);
        assertEquals("org.bertlab.knime", bundle.getSymbolicName());
    }

    /**
     * KNIME instantiates what plugin.xml names (node factories, the port type, the preference page and its
     * initializer) by class name: a name without its class file is an error only a user meets, e.g. a preference
     * page left out of the build.
     */
    @Test
    void everyClassThatPluginXmlNamesIsInTheBundle() throws Exception {
        final String pluginXml = Files.readString(BUNDLE.resolve("plugin.xml"));
        final Matcher m = Pattern.compile("(?:class|factory-class|objectClass|objectSerializer|specClass|"
            + "specSerializer)=\"([^\"]+)\"").matcher(pluginXml);
        final List<String> missing = new ArrayList<>();
        int named = 0;
        while (m.find()) {
            named++;
            final Path classFile = BUNDLE.resolve(m.group(1).replace('.', '/') + ".class");
            if (!Files.isRegularFile(classFile)) {
                missing.add(m.group(1));
            }
        }
        assertTrue(named > 10, "plugin.xml names " + named + " classes");
        assertTrue(pluginXml.contains("org.bertlab.knime.prefs.ui.BertPreferencePage"), "preference page registered");
        assertEquals(List.of(), missing, "classes plugin.xml names that are not in " + BUNDLE);
    }
}
