import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * Build helper (run with the JDK's source launcher): makes the bundles of a KNIME installation usable as one Maven
 * dependency. Maven cannot glob jars, and a KNIME {@code plugins/} folder holds jar bundles and folder bundles whose
 * code sits in inner jars named by their {@code Bundle-ClassPath}. This writes a manifest-only jar whose
 * {@code Class-Path} lists every one of them; javac and the JVM follow it.
 *
 * <pre>java KnimeClassPath.java KNIME_HOME OUTPUT_JAR</pre>
 */
public final class KnimeClassPath {

    public static void main(final String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: KnimeClassPath KNIME_HOME OUTPUT_JAR");
        }
        final Path plugins = Path.of(args[0]).toAbsolutePath().resolve("plugins");
        if (!Files.isDirectory(plugins)) {
            throw new IllegalArgumentException("-Dknime.home=" + args[0] + " has no plugins/ folder: give the folder "
                + "of a KNIME Analytics Platform 5.5+ installation (the one holding plugins/ and knime.ini)");
        }
        final List<Path> entries = new ArrayList<>();
        try (Stream<Path> list = Files.list(plugins)) {
            for (final Path bundle : list.sorted().toList()) {
                if (Files.isRegularFile(bundle) && bundle.toString().endsWith(".jar")) {
                    entries.add(bundle);
                } else if (Files.isRegularFile(bundle.resolve("META-INF/MANIFEST.MF"))) {
                    entries.addAll(innerClassPath(bundle));
                }
            }
        }
        if (entries.stream().noneMatch(p -> p.getFileName().toString().equals("knime-core.jar"))) {
            throw new IllegalArgumentException(plugins + " holds no org.knime.core bundle (knime-core.jar)");
        }
        final StringBuilder classPath = new StringBuilder();
        for (final Path p : entries) {
            String uri = p.toUri().toString();
            if (Files.isDirectory(p) && !uri.endsWith("/")) {
                uri += "/";
            }
            classPath.append(classPath.isEmpty() ? "" : " ").append(uri);
        }
        final Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, classPath.toString());
        final Path out = Path.of(args[1]).toAbsolutePath();
        Files.createDirectories(out.getParent());
        try (OutputStream file = Files.newOutputStream(out); JarOutputStream jar = new JarOutputStream(file, manifest)) {
            // the manifest is the whole content
        }
        System.out.println("KNIME class path: " + entries.size() + " entries from " + plugins + " -> " + out);
    }

    /** The entries of a folder bundle's Bundle-ClassPath ('.' is the folder itself), those that exist. */
    private static List<Path> innerClassPath(final Path bundle) throws IOException {
        final Manifest manifest;
        try (InputStream in = Files.newInputStream(bundle.resolve("META-INF/MANIFEST.MF"))) {
            manifest = new Manifest(in);
        }
        final String header = manifest.getMainAttributes().getValue("Bundle-ClassPath");
        final List<Path> result = new ArrayList<>();
        for (final String raw : (header == null ? "." : header).split(",")) {
            final String entry = raw.split(";")[0].trim();
            final Path path = entry.equals(".") ? bundle : bundle.resolve(entry);
            if (Files.exists(path)) {
                result.add(path);
            }
        }
        return result;
    }

    private KnimeClassPath() {
    }
}
