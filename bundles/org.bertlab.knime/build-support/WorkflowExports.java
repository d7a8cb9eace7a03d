import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes every workflow folder of a folder (one holding workflow.knime) as a .knwf file: the zip that KNIME's
 * File > Export Workflow writes, whose single top-level folder is the workflow folder, so File > Import KNIME
 * Workflow (or dragging the file onto the KNIME Explorer) creates a workflow of that name.
 * Entries are in path order with a fixed time, so an unchanged workflow gives the same bytes.
 *
 * <p>Run by the node module's build (pom.xml, exec-maven-plugin), before its tests:
 * {@code java WorkflowExports.java WORKFLOWS_DIR OUT_DIR}.
 */
public final class WorkflowExports {

    /** 2026-01-01: the entries' time, fixed so that exports are reproducible. */
    private static final FileTime FIXED = FileTime.fromMillis(1_767_225_600_000L);

    public static void main(final String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: java WorkflowExports.java WORKFLOWS_DIR OUT_DIR");
            System.exit(2);
        }
        final Path root = Path.of(args[0]).toAbsolutePath().normalize();
        final Path out = Path.of(args[1]).toAbsolutePath().normalize();
        Files.createDirectories(out);
        final List<Path> workflows;
        try (Stream<Path> list = Files.list(root)) {
            workflows = list.filter(p -> Files.isRegularFile(p.resolve("workflow.knime"))).sorted().toList();
        }
        // an export whose workflow was deleted or renamed would otherwise linger beside the current ones
        try (Stream<Path> list = Files.list(out)) {
            for (final Path old : list.filter(p -> p.getFileName().toString().endsWith(".knwf")).toList()) {
                if (!Files.isDirectory(root.resolve(old.getFileName().toString().replaceFirst("\\.knwf$", "")))) {
                    Files.delete(old);
                }
            }
        }
        for (final Path workflow : workflows) {
            final Path knwf = out.resolve(workflow.getFileName() + ".knwf");
            export(workflow, knwf);
            System.out.println("Workflow export: " + root.relativize(workflow) + " -> " + knwf);
        }
    }

    private static void export(final Path workflow, final Path knwf) throws IOException {
        final Path tmp = knwf.resolveSibling(knwf.getFileName() + ".tmp");
        final List<Path> paths;
        try (Stream<Path> walk = Files.walk(workflow)) {
            paths = walk.filter(p -> !p.equals(workflow)).sorted().toList();
        }
        try (OutputStream file = Files.newOutputStream(tmp); ZipOutputStream zip = new ZipOutputStream(file)) {
            final String top = workflow.getFileName().toString();
            zip.putNextEntry(entry(top + "/"));
            zip.closeEntry();
            for (final Path p : paths) {
                final String name = top + "/" + workflow.relativize(p).toString().replace('\\', '/');
                zip.putNextEntry(entry(Files.isDirectory(p) ? name + "/" : name));
                if (Files.isRegularFile(p)) {
                    Files.copy(p, zip);
                }
                zip.closeEntry();
            }
        }
        Files.move(tmp, knwf, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private static ZipEntry entry(final String name) {
        final ZipEntry e = new ZipEntry(name);
        e.setLastModifiedTime(FIXED);
        return e;
    }
}
