package org.bertlab.knime.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.Test;

/**
 * The engine bundle's hand-kept manifest against its built jar: every Bundle-ClassPath entry is in the jar, and every
 * exported package has classes there (directly or in one of the embedded jars).
 */
class EngineManifestCheck {

    static Path engineJar() throws IOException {
        final Path target = NodeBundleCheck.BUNDLE.resolveSibling("org.bertlab.core").resolve("target");
        try (Stream<Path> list = Files.list(target)) {
            final List<Path> jars = list.filter(p -> p.getFileName().toString().matches("org\\.bertlab\\.core-.*\\.jar"))
                .filter(p -> !p.getFileName().toString().endsWith("-sources.jar")).toList();
            assertEquals(1, jars.size(), "one engine jar in " + target + ": " + jars);
            return jars.get(0);
        }
    }

    @Test
    void manifestMatchesJar() throws IOException {
        final Path jarFile = engineJar();
        try (JarFile jar = new JarFile(jarFile.toFile())) {
            final Manifest manifest = jar.getManifest();
            assertEquals("org.bertlab.core;singleton:=true",
                manifest.getMainAttributes().getValue("Bundle-SymbolicName"), "the jar carries the hand-kept manifest");
            final Set<String> packages = new HashSet<>();
            for (final String entry : split(manifest.getMainAttributes().getValue("Bundle-ClassPath"))) {
                if (entry.equals(".")) {
                    jar.stream().forEach(e -> addPackage(packages, e.getName()));
                    continue;
                }
                final ZipEntry nested = jar.getEntry(entry);
                assertTrue(nested != null, "Bundle-ClassPath entry " + entry + " is not in " + jarFile);
                try (InputStream in = jar.getInputStream(nested); ZipInputStream zip = new ZipInputStream(in)) {
                    for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                        addPackage(packages, e.getName());
                    }
                }
            }
            for (final String exported : split(manifest.getMainAttributes().getValue("Export-Package"))) {
                assertTrue(packages.contains(exported), "exported package " + exported + " has no classes in "
                    + jarFile);
            }
        }
    }

    static void addPackage(final Set<String> packages, final String entry) {
        if (entry.endsWith(".class") && entry.contains("/")) {
            packages.add(entry.substring(0, entry.lastIndexOf('/')).replace('/', '.'));
        }
    }

    /** Manifest list values: comma separated, attributes after ';' dropped (no quoted commas in ours). */
    static List<String> split(final String header) {
        final List<String> result = new ArrayList<>();
        if (header != null) {
            for (final String part : header.split(",")) {
                final String name = part.split(";")[0].trim();
                if (!name.isEmpty()) {
                    result.add(name);
                }
            }
        }
        return result;
    }
}
